//! Quick look at one scenario: `cargo run --release -p opcentrum-sim --example quick -- FILE [SEEDS]`.
#![allow(clippy::unwrap_used)]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let s = opcentrum_sim::parse_scenario(&text).unwrap();
    let n: u32 = args.get(2).map_or(3, |a| a.parse().unwrap());
    let t = std::time::Instant::now();
    let runs: Vec<_> = (0..n)
        .map(|i| opcentrum_sim::run(&s, opcentrum_sim::replication_seed(1, i)))
        .collect();
    println!("{:.2}s per run", t.elapsed().as_secs_f64() / f64::from(n));
    for sm in opcentrum_sim::summarise(&runs) {
        println!(
            "{:50} {:>12.2} ± {:.2}",
            sm.metric.label(opcentrum_text::Lang::En),
            sm.mean,
            sm.half_width
        );
    }
    println!(
        "{:?}\n{:?} calls {}",
        runs[0].ends, runs[0].open, runs[0].planner_calls
    );
}
