//! `analyze_route_exports`: every export form, lowercase methods, default and star
//! exports, and segment config literals (good and bad).

use std::path::Path;

use serde_json::json;

use crate::{analyze_route_exports, CompileError, Revalidate, RouteExports, SegmentConfig};

#[track_caller]
fn analyze(src: &str) -> RouteExports {
    match analyze_route_exports(Path::new("app/api/route.ts"), src) {
        Ok(exports) => exports,
        Err(error) => panic!("analysing {src:?} failed:\n{}", super::render(&error)),
    }
}

#[track_caller]
fn methods(src: &str) -> Vec<String> {
    analyze(src).methods
}

#[track_caller]
fn config(src: &str) -> SegmentConfig {
    analyze(src).segment_config
}

/// The messages of a segment config error, in order.
#[track_caller]
fn config_errors(src: &str) -> Vec<String> {
    match analyze_route_exports(Path::new("app/api/route.ts"), src) {
        Err(CompileError::SegmentConfig(errors)) => errors
            .diagnostics()
            .map(|d| d.message().to_string())
            .collect(),
        other => panic!("expected a segment config error for {src:?}, got {other:?}"),
    }
}

#[test]
fn function_declarations() {
    assert_eq!(
        methods("export function GET() {}\nexport async function POST() {}"),
        ["GET", "POST"]
    );
}

#[test]
fn variable_declarations() {
    assert_eq!(
        methods("export const PUT = () => {};\nexport let PATCH = async () => {};\nexport var DELETE = function () {};"),
        ["PUT", "DELETE", "PATCH"]
    );
}

#[test]
fn methods_come_in_next_order() {
    assert_eq!(
        methods("export const PATCH = h, DELETE = h, PUT = h, POST = h, OPTIONS = h, HEAD = h, GET = h;"),
        ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]
    );
}

#[test]
fn destructured_exports() {
    assert_eq!(
        methods("import { handlers } from '@/auth';\nexport const { GET, POST } = handlers;"),
        ["GET", "POST"]
    );
}

#[test]
fn export_specifiers() {
    assert_eq!(methods("function GET() {}\nexport { GET };"), ["GET"]);
    assert_eq!(
        methods("const handler = () => {};\nexport { handler as POST, handler as PUT };"),
        ["POST", "PUT"]
    );
    assert_eq!(
        methods("const handler = () => {};\nexport { handler as 'DELETE' };"),
        ["DELETE"]
    );
}

#[test]
fn re_exports() {
    assert_eq!(methods("export { GET } from './shared';"), ["GET"]);
    assert_eq!(
        methods("export { handler as POST } from './shared';"),
        ["POST"]
    );
    assert_eq!(
        methods("import { handler } from './shared';\nexport { handler as HEAD };"),
        ["HEAD"]
    );
}

#[test]
fn type_only_exports_are_not_methods() {
    assert!(methods("export type GET = () => void;\nexport interface POST {}").is_empty());
    assert!(
        methods("export type { GET } from './a';\nexport { type POST } from './b';").is_empty()
    );
    assert!(methods(
        "export declare function GET(): void;\nexport declare const POST: () => void;"
    )
    .is_empty());
}

#[test]
fn overloads_count_once() {
    assert_eq!(
        methods(
            "export function GET(a: string): Response;\nexport function GET(a: any) { return a; }"
        ),
        ["GET"]
    );
}

#[test]
fn other_exports_are_ignored() {
    assert!(
        methods("export const handler = 1;\nexport function Get() {}\nexport class Route {}")
            .is_empty()
    );
}

#[test]
fn lowercase_methods() {
    let exports = analyze("export function get() {}\nexport const post = 1;\nconst del = 1;\nexport { del as delete };\nexport function GET() {}");
    assert_eq!(exports.methods, ["GET"]);
    assert_eq!(exports.lowercase_methods, ["get", "post", "delete"]);
}

#[test]
fn default_export() {
    assert!(analyze("export default function handler() {}").has_default);
    assert!(analyze("export default { GET() {} };").has_default);
    assert!(!analyze("export default interface Props {}").has_default);
    assert!(!analyze("export function GET() {}").has_default);
}

#[test]
fn export_star() {
    let exports = analyze("export * from './handlers';");
    assert!(exports.has_export_star);
    assert!(exports.methods.is_empty());
    let named = analyze("export * as GET from './handlers';");
    assert!(!named.has_export_star);
    assert_eq!(named.methods, ["GET"]);
    assert!(!analyze("export type * from './types';").has_export_star);
}

#[test]
fn javascript_route_files() {
    let exports = analyze_route_exports(
        Path::new("app/route.js"),
        "export async function GET() {}\nexport const dynamic = 'force-dynamic';",
    )
    .expect("analyses");
    assert_eq!(exports.methods, ["GET"]);
    assert_eq!(
        exports.segment_config.dynamic.as_deref(),
        Some("force-dynamic")
    );
}

#[test]
fn no_segment_config_is_all_defaults() {
    assert_eq!(config("export function GET() {}"), SegmentConfig::default());
}

#[test]
fn every_segment_config_literal() {
    let config = config(
        "export const dynamic = 'force-static';\n\
         export const dynamicParams = false;\n\
         export const revalidate = 600;\n\
         export const fetchCache = 'only-no-store';\n\
         export const runtime = 'nodejs';\n\
         export const preferredRegion = ['iad1', 'sfo1'];\n\
         export const maxDuration = 30;\n\
         export async function generateStaticParams() { return []; }",
    );
    assert_eq!(
        config,
        SegmentConfig {
            dynamic: Some("force-static".to_string()),
            dynamic_params: Some(false),
            revalidate: Some(Revalidate::Seconds(600)),
            fetch_cache: Some("only-no-store".to_string()),
            runtime: Some("nodejs".to_string()),
            preferred_region: Some(json!(["iad1", "sfo1"])),
            max_duration: Some(30),
            has_generate_static_params: true,
        }
    );
}

#[test]
fn revalidate_values() {
    assert_eq!(
        config("export const revalidate = false;").revalidate,
        Some(Revalidate::False)
    );
    assert_eq!(
        config("export const revalidate = 0;").revalidate,
        Some(Revalidate::Zero)
    );
    assert_eq!(
        config("export const revalidate = 3600;").revalidate,
        Some(Revalidate::Seconds(3600))
    );
    assert_eq!(
        config("export const revalidate = 1e3;").revalidate,
        Some(Revalidate::Seconds(1000))
    );
}

#[test]
fn typescript_wrappers_around_literals_are_read() {
    let config = config(
        "export const dynamic = 'error' as const;\n\
         export const revalidate: number = (60);\n\
         export const runtime = `edge` satisfies string;",
    );
    assert_eq!(config.dynamic.as_deref(), Some("error"));
    assert_eq!(config.revalidate, Some(Revalidate::Seconds(60)));
    assert_eq!(config.runtime.as_deref(), Some("edge"));
}

#[test]
fn segment_config_through_a_local_const() {
    let config = config("const seconds = 120;\nexport { seconds as revalidate };");
    assert_eq!(config.revalidate, Some(Revalidate::Seconds(120)));
}

#[test]
fn preferred_region_string() {
    assert_eq!(
        config("export const preferredRegion = 'home';").preferred_region,
        Some(json!("home"))
    );
}

#[test]
fn generate_static_params_in_any_form() {
    assert!(
        config("export const generateStaticParams = async () => [];").has_generate_static_params
    );
    assert!(config("export { generateStaticParams } from './params';").has_generate_static_params);
}

#[test]
fn non_literal_values_are_errors() {
    assert_eq!(
        config_errors("export const revalidate = 60 * 10;"),
        ["segment config `revalidate` must be a literal Next.js can read without running the module"]
    );
    assert_eq!(
        config_errors("const base = 'force-';\nexport const dynamic = `${base}static`;"),
        ["segment config `dynamic` must be a literal Next.js can read without running the module"]
    );
    assert_eq!(
        config_errors("export let maxDuration;"),
        ["segment config `maxDuration` has no literal value"]
    );
    assert_eq!(
        config_errors("export const { revalidate } = settings;"),
        ["segment config `revalidate` has no literal value"]
    );
}

#[test]
fn wrong_values_are_errors() {
    assert_eq!(
        config_errors("export const dynamic = 'forse-static';"),
        ["invalid segment config `dynamic`: 'forse-static'"]
    );
    assert_eq!(
        config_errors("export const revalidate = -1;"),
        ["invalid segment config `revalidate`: -1"]
    );
    assert_eq!(
        config_errors("export const revalidate = '60';"),
        ["invalid segment config `revalidate`: '60'"]
    );
    assert_eq!(
        config_errors("export const revalidate = true;"),
        ["invalid segment config `revalidate`: true"]
    );
    assert_eq!(
        config_errors("export const revalidate = 1.5;"),
        ["invalid segment config `revalidate`: 1.5"]
    );
    assert_eq!(
        config_errors("export const dynamicParams = 'yes';"),
        ["invalid segment config `dynamicParams`: 'yes'"]
    );
    assert_eq!(
        config_errors("export const fetchCache = 'no-store';"),
        ["invalid segment config `fetchCache`: 'no-store'"]
    );
    assert_eq!(
        config_errors("export const runtime = 'bun';"),
        ["invalid segment config `runtime`: 'bun'"]
    );
    assert_eq!(
        config_errors("export const preferredRegion = [1];"),
        ["invalid segment config `preferredRegion`: [1]"]
    );
    assert_eq!(
        config_errors("export const maxDuration = -5;"),
        ["invalid segment config `maxDuration`: -5"]
    );
}

#[test]
fn re_exported_segment_config_is_an_error() {
    assert_eq!(
        config_errors("export { revalidate } from './config';"),
        ["segment config `revalidate` is re-exported from another module"]
    );
    assert_eq!(
        config_errors("import { dynamic } from './config';\nexport { dynamic };"),
        ["segment config `dynamic` is re-exported from another module"]
    );
}

#[test]
fn every_bad_value_is_reported() {
    assert_eq!(
        config_errors("export const dynamic = 'static';\nexport const revalidate = 60 * 10;\nexport const runtime = 'deno';"),
        [
            "invalid segment config `dynamic`: 'static'",
            "segment config `revalidate` must be a literal Next.js can read without running the module",
            "invalid segment config `runtime`: 'deno'",
        ]
    );
}

#[test]
fn syntax_errors_are_reported_before_exports() {
    let error = analyze_route_exports(Path::new("app/route.ts"), "export function GET( {")
        .expect_err("fails");
    assert!(matches!(error, CompileError::Syntax(_)), "{error:?}");
}
