fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let vm = ferroute_jsc::Vm::new();
    let now = vm.host_function("now", |vm, _| {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        Ok(vm.number(t.as_secs_f64() * 1e9))
    });
    vm.global().set("nowNs", &now).unwrap();
    let log = vm.host_function("log", |vm, args| {
        println!("{}", args[0].to_string()?);
        Ok(vm.undefined())
    });
    vm.global().set("print", &log).unwrap();
    match vm.eval(&src, "file:///bench.js", 1) {
        Ok(_) => {}
        Err(e) => eprintln!("{e}"),
    }
}
