use std::time::Duration;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let s = opcentrum_planner::parse_scenario(&text).unwrap();
    let limit: f64 = args.get(2).map(|x| x.parse().unwrap()).unwrap_or(30.0);
    let m = opcentrum_planner::model::Model::new(&s);
    let size = opcentrum_planner::exact::programme_size(&m);
    eprintln!(
        "units {} trips {} classes {} size {:?}",
        m.units.len(),
        m.trips.len(),
        m.classes.len(),
        size
    );

    let o = opcentrum_planner::Options {
        time_limit: Duration::from_secs_f64(limit),
        exact: true,
    };
    let p = opcentrum_planner::plan(&s, &o, &mut |p| eprintln!("{:?}", p));
    eprintln!("{:?} {:?} {}", p.objective, p.bound, p.optimal);
    if let Err(v) = opcentrum_planner::check_plan(&s, &p) {
        eprintln!("VIOLATIONS {:?}", v);
    }
}
#[allow(dead_code)]
fn unused() {}
