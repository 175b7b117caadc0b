//! End-to-end tests: fixture apps served by the real server over a real socket, and the
//! `ferroute` binary's diagnostics as users see them. One test binary (STYLE.md §5).

#![allow(unreachable_pub)]

mod support;

mod ai;
mod build;
mod cli;
mod dev;
mod examples;
mod fastpaths;
mod fuzz;
mod jsc;
mod jsc_memory;
mod matrix;
mod metadata_files;
mod middleware;
mod next_config;
mod packages;
mod platform;
mod reliability;
mod routing;
mod scope;
mod shared_cache;
mod static_routes;
