use super::*;

fn fig(id: &'static str, title: &'static str) -> Figure<'static> {
    Figure {
        id,
        title,
        desc: "what it shows".into(),
        no_data: "No data",
        heading: false,
    }
}

fn int(v: f64) -> String {
    format!("{v:.0}")
}

/// The (y, height) of every `<rect …>` bar (legend swatches have height 12).
fn rects(svg: &str) -> Vec<(f64, f64)> {
    svg.split("<rect ")
        .skip(1)
        .map(|r| {
            let attr = |name: &str| -> f64 {
                let start = r.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
                let end = r[start..].find('"').expect("closing quote") + start;
                r[start..end].parse().expect("a number")
            };
            (attr("y"), attr("height"))
        })
        .collect()
}

#[test]
fn steps_are_one_two_or_five_times_a_power_of_ten() {
    assert_eq!(step(100.0), 20.0);
    assert_eq!(step(9.0), 2.0);
    assert_eq!(step(1700.0), 500.0);
    assert_eq!(step(0.0), 1.0);
    assert_eq!(step(f64::NAN), 1.0);
}

#[test]
fn the_axis_ends_at_the_first_tick_at_or_above_the_largest_value() {
    let s = Scale::new(10.0, 20.0, 240.0);
    assert_eq!((s.top, s.step), (10.0, 2.0));
    assert_eq!(
        s.ticks().collect::<Vec<_>>(),
        vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    );
    let s = Scale::new(31.0, 20.0, 240.0);
    assert_eq!((s.top, s.step), (40.0, 10.0));
    assert_eq!(s.y(0.0), 240.0);
    assert_eq!(s.y(40.0), 20.0);
    assert_eq!(s.y(20.0), 130.0);
    // Below 0 is drawn at 0, above the top at the top.
    assert_eq!(s.y(-5.0), 240.0);
}

#[test]
fn a_bar_of_the_largest_value_fills_the_plot_and_half_of_it_half() {
    let svg = bars(
        &fig("b", "t"),
        &["only"],
        &[
            Group {
                label: "a".into(),
                bars: vec![Bar::of(Some(10.0))],
            },
            Group {
                label: "b".into(),
                bars: vec![Bar::of(Some(5.0))],
            },
        ],
        &int,
    );
    let r = rects(&svg);
    assert_eq!(r.len(), 2, "{svg}");
    // One series: no legend; the plot area starts at 28 (12, and room for
    // the value above the highest bar) and ends at 240.
    let full = HEIGHT - BOTTOM - 28.0;
    assert_eq!(r[0], (28.0, full));
    assert_eq!(r[1], (28.0 + full / 2.0, full / 2.0));
    // The value is written above a wide bar, and in its tooltip.
    assert!(svg.contains(">10</text>") && svg.contains("<title>a: 10</title>"));
}

#[test]
fn bars_of_several_series_have_a_legend_and_skip_missing_and_nan_values() {
    let svg = bars(
        &fig("x", "Executions <all>"),
        &["a", "b"],
        &[Group {
            label: "g".into(),
            bars: vec![Bar::of(Some(3.0)), Bar::of(None), Bar::of(Some(f64::NAN))],
        }],
        &int,
    );
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(
        svg.contains(r#"role="img" aria-labelledby="x-t x-d" aria-label="Executions &lt;all&gt;""#)
    );
    assert!(svg.contains("<title id=\"x-t\">Executions &lt;all&gt;</title>"));
    assert!(svg.contains("<desc id=\"x-d\">what it shows</desc>"));
    // One bar drawn plus the two legend swatches.
    assert_eq!(rects(&svg).iter().filter(|r| r.1 != 12.0).count(), 1);
    assert_eq!(svg.matches("<rect").count(), 3);
    assert!(!svg.contains("NaN"));
    assert!(svg.contains("<title>g, a: 3</title>"));
}

#[test]
fn an_interval_is_a_whisker_from_low_to_high_and_counts_for_the_axis() {
    let svg = bars(
        &fig("i", "t"),
        &["m"],
        &[Group {
            label: "s".into(),
            bars: vec![Bar::with_interval(8.0, 6.0, 10.0)],
        }],
        &int,
    );
    // The axis reaches the high end (10): it is the top of the plot (y 28).
    let s = Scale::new(10.0, 28.0, HEIGHT - BOTTOM);
    assert!(
        svg.contains(&format!("{:.1}V{:.1}", s.y(6.0), s.y(10.0))),
        "{svg}"
    );
    assert!((rects(&svg)[0].0 - s.y(8.0)).abs() < 0.05);
}

#[test]
fn labels_are_escaped_everywhere() {
    let nasty = "a & b <c> \"d\" 'e'";
    let svg = bars(
        &fig("e\"", nasty),
        &[nasty, "z"],
        &[Group {
            label: nasty.into(),
            bars: vec![Bar::of(Some(1.0))],
        }],
        &|_| "<v>".into(),
    );
    assert!(!svg.contains(nasty));
    assert!(!svg.contains("<v>") && !svg.contains("<c>"));
    assert!(svg.contains("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;"));
    assert!(svg.contains(r#"id="e&quot;-t""#));
    assert_eq!(escape("<&>"), "&lt;&amp;&gt;");
}

#[test]
fn an_empty_figure_says_there_is_no_data() {
    let f = Figure {
        no_data: "Inga uppgifter",
        ..fig("n", "Ledtider")
    };
    let none = [
        bars(&f, &["a"], &[], &int),
        bars(
            &f,
            &["a"],
            &[Group {
                label: "g".into(),
                bars: vec![Bar::of(None), Bar::of(Some(f64::NAN))],
            }],
            &int,
        ),
        lines(
            &f,
            &["1".into()],
            &[Series::new("s", vec![None])],
            Some(("ref", 3.0)),
            &int,
        ),
        lines(&f, &[], &[], None, &int),
        dots(&f, &[Series::of_f64("s", &[f64::NAN])], &int),
        dots(&f, &[], &int),
    ];
    for svg in none {
        assert!(svg.contains(">Inga uppgifter</text>"), "{svg}");
        assert!(svg.contains("<title id=\"n-t\">Ledtider</title>"));
        assert!(svg.contains(r#"role="img""#) && svg.ends_with("</svg>"));
        // No axis ticks, no marks.
        assert!(!svg.contains("<line") && !svg.contains("<circle") && !svg.contains("<polyline"));
    }
}

#[test]
fn a_line_breaks_at_missing_values_and_a_lone_value_is_a_dot() {
    let labels: Vec<String> = (1..=5).map(|i| i.to_string()).collect();
    let svg = lines(
        &fig("l", "t"),
        &labels,
        &[Series::new(
            "s",
            vec![Some(1.0), Some(2.0), None, Some(f64::NAN), Some(4.0)],
        )],
        Some(("places", 5.0)),
        &int,
    );
    assert_eq!(svg.matches("<polyline").count(), 1);
    assert_eq!(svg.matches("<circle").count(), 1);
    assert!(!svg.contains("NaN"));
    // The reference counts for the axis (top 5) and is labelled.
    let s = Scale::new(5.0, 12.0, HEIGHT - BOTTOM);
    assert!(
        svg.contains(&format!(
            r##"y1="{0:.1}" y2="{0:.1}" stroke="#333" stroke-dasharray"##,
            s.y(5.0)
        )),
        "{svg}"
    );
    assert!(svg.contains(">places</text>"));
    // First point at the left edge of the plot (x 72), value 1 of 5.
    assert!(
        svg.contains(&format!("points=\"72.0,{:.1} ", s.y(1.0))),
        "{svg}"
    );
}

#[test]
fn dots_draw_every_finite_value_and_the_mean() {
    let svg = dots(
        &fig("d", "t"),
        &[
            Series::of_f64("x", &[1.0, f64::NAN, 3.0]),
            Series::of_f64("y", &[]),
        ],
        &int,
    );
    assert_eq!(svg.matches("<circle").count(), 2);
    // The mean of 1 and 3, as a tooltip of its bar.
    assert!(svg.contains("<title>x: 2</title>"));
    assert!(svg.contains(">x</tspan>") && svg.contains(">y</tspan>"));
}

#[test]
fn a_heading_is_drawn_when_asked_and_moves_the_plot_down() {
    let f = Figure {
        heading: true,
        ..fig("h", "Persons per charter")
    };
    let svg = bars(
        &f,
        &["m"],
        &[Group {
            label: "a".into(),
            bars: vec![Bar::of(Some(10.0))],
        }],
        &int,
    );
    assert!(svg.contains(r#"font-weight="bold">Persons per charter</text>"#));
    // 12 + 22 for the heading + 16 for the value above the bar.
    assert_eq!(rects(&svg)[0].0, 50.0);
}

#[test]
fn long_x_labels_wrap_into_lines_and_raise_the_plot_bottom() {
    assert_eq!(
        wrap("Laga kraft → överlämnat till polisen", 16),
        vec!["Laga kraft →", "överlämnat till", "polisen"]
    );
    assert_eq!(wrap("a b c d e f g h", 1), vec!["a", "b", "c…"]);
    assert_eq!(wrap("Charter", 20), vec!["Charter"]);
    let groups: Vec<Group> = [
        "Laga kraft → överlämnat till polisen",
        "Överlämnat till polisen → transport begärd",
        "Transport begärd → verkställt",
    ]
    .iter()
    .map(|l| Group {
        label: (*l).into(),
        bars: vec![Bar::of(Some(10.0))],
    })
    .collect();
    let svg = bars(&fig("w", "t"), &["m"], &groups, &int);
    // About 26 characters fit in a third of the plot: two lines under a bar,
    // and the plot ends one line higher.
    let r = rects(&svg);
    assert_eq!(r[0].0 + r[0].1, HEIGHT - BOTTOM - 14.0);
    assert!(
        svg.contains(r#"<tspan x="157.3" dy="0">Laga kraft → överlämnat</tspan><tspan x="157.3" dy="14">till polisen</tspan>"#),
        "{svg}"
    );
}
