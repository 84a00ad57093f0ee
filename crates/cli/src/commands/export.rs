use super::DbArgs;
use anyhow::Context;
use clap::Args as ClapArgs;
use std::{
    io::{BufWriter, Write},
    path::PathBuf,
    process::ExitCode,
};

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open().await?;
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::new(sink);
    let mut io_error = None;
    let n = store
        .export_histories(|events| {
            let line = opcentrum_exchange::to_jsonl_line(&events)
                .map_err(|e| opcentrum_store::StoreError::Corrupt(e.to_string()))?;
            if let Err(e) = writeln!(w, "{line}") {
                io_error.get_or_insert(e);
            }
            Ok(())
        })
        .await?;
    if let Some(e) = io_error {
        return Err(e).context("cannot write the export");
    }
    w.flush().context("cannot write the export")?;
    eprintln!("exported {n} cases");
    Ok(ExitCode::SUCCESS)
}
