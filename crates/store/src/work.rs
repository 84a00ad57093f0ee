//! The work lists' reads: the case table (search, sort, totals, offset
//! paging both ways), counts of a filter, and the handovers given back. The
//! search terms and sort keys are typed here; what a reader may search by is
//! the application's decision.

use crate::{
    codec::{self, get},
    connect::{Backend, Store},
    error::{Result, StoreError},
    query::{Bind, CaseFilter, MAX_PAGE, Sql, filter_conds},
};
use jiff::civil::Date;
use opcentrum_domain::Case;

/// A search on a person's identity (the case number is `CaseFilter::id_prefix`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentitySearch {
    /// The person id, exactly (e.g. `P-0000042`).
    PersonId(String),
    /// Migrationsverket's dossier number, exactly.
    Dossier(String),
    /// A part of "given family" or "family given", case-insensitively (ASCII).
    Name(String),
}

/// Conditions beyond `CaseFilter` that the work lists need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkFilter {
    pub identity: Option<IdentitySearch>,
    /// At least one failed attempt recorded.
    pub failed_attempt: Option<bool>,
}

/// The case table's sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    #[default]
    Id,
    Stage,
    Responsible,
    Destination,
    Registered,
    Updated,
}

impl SortColumn {
    pub const ALL: [SortColumn; 6] = [
        SortColumn::Id,
        SortColumn::Stage,
        SortColumn::Responsible,
        SortColumn::Destination,
        SortColumn::Registered,
        SortColumn::Updated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortColumn::Id => "id",
            SortColumn::Stage => "stage",
            SortColumn::Responsible => "responsible",
            SortColumn::Destination => "destination",
            SortColumn::Registered => "registered",
            SortColumn::Updated => "updated",
        }
    }

    pub fn parse(s: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.code() == s)
    }

    fn column(self) -> &'static str {
        match self {
            SortColumn::Id => "case_id",
            SortColumn::Stage => "stage",
            SortColumn::Responsible => "responsible",
            SortColumn::Destination => "destination",
            SortColumn::Registered => "registered_at",
            SortColumn::Updated => "updated_at",
        }
    }
}

/// A page of the case table: sorted, from `offset`, at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRequest {
    pub sort: SortColumn,
    pub descending: bool,
    pub offset: u64,
    pub limit: u32,
}

#[derive(Debug, Clone)]
pub struct TablePage {
    pub cases: Vec<Case>,
    /// Every case the filters match (all pages).
    pub total: u64,
}

/// A text field of the stored state's JSON, for either backend.
fn json_text(backend: Backend, path: &[&str]) -> String {
    match backend {
        Backend::Sqlite => format!("json_extract(state, '$.{}')", path.join(".")),
        Backend::Postgres => format!("(state::jsonb #>> '{{{}}}')", path.join(",")),
    }
}

fn work_conds(backend: Backend, w: &WorkFilter, sql: &mut Sql) -> String {
    let mut conds = String::new();
    match &w.identity {
        None => {}
        Some(IdentitySearch::PersonId(id)) => {
            let p = sql.bind(Bind::Text(id.clone()));
            conds += &format!(" AND {} = {p}", json_text(backend, &["person", "id"]));
        }
        Some(IdentitySearch::Dossier(d)) => {
            let p = sql.bind(Bind::Text(d.clone()));
            conds += &format!(
                " AND {} = {p}",
                json_text(backend, &["person", "dossier_number"])
            );
        }
        Some(IdentitySearch::Name(n)) => {
            let pattern = format!(
                "%{}%",
                n.to_lowercase().replace(['%', '_'], "").trim().to_owned()
            );
            let a = sql.bind(Bind::Text(pattern.clone()));
            let b = sql.bind(Bind::Text(pattern));
            let given = json_text(backend, &["person", "given_name"]);
            let family = json_text(backend, &["person", "family_name"]);
            conds += &format!(
                " AND (lower({given} || ' ' || {family}) LIKE {a} OR lower({family} || ' ' || {given}) LIKE {b})"
            );
        }
    }
    if let Some(f) = w.failed_attempt {
        let len = match backend {
            Backend::Sqlite => "json_array_length(state, '$.failed_attempts')".to_owned(),
            Backend::Postgres => "jsonb_array_length(state::jsonb -> 'failed_attempts')".to_owned(),
        };
        conds += &if f {
            format!(" AND {len} > 0")
        } else {
            format!(" AND {len} = 0")
        };
    }
    conds
}

impl Store {
    /// A sorted page of the cases the filters match, with their total.
    pub async fn case_table(
        &self,
        filter: &CaseFilter,
        work: &WorkFilter,
        req: &TableRequest,
        today: Date,
    ) -> Result<TablePage> {
        if req.limit == 0 || req.limit > MAX_PAGE {
            return Err(StoreError::invalid_in(
                "limit",
                "gate.store.limit",
                &[("max", &MAX_PAGE)],
            ));
        }
        let total = self.count_matching(filter, work, today).await?;
        let mut sql = Sql::new("SELECT state FROM cases WHERE 1 = 1");
        let conds = filter_conds(self.backend, filter, today, &mut sql)
            + &work_conds(self.backend, work, &mut sql);
        let lim = sql.bind(Bind::Int(i64::from(req.limit)));
        let off = sql.bind(Bind::Int(i64::try_from(req.offset).unwrap_or(i64::MAX)));
        let dir = if req.descending { "DESC" } else { "ASC" };
        sql.text += &conds;
        sql.text += &format!(
            " ORDER BY {} {dir}, case_id {dir} LIMIT {lim} OFFSET {off}",
            req.sort.column()
        );
        let rows = sql.query().fetch_all(&self.read).await?;
        let cases = rows
            .iter()
            .map(|r| codec::from_json::<Case>(&get::<String>(r, "state")?))
            .collect::<Result<Vec<_>>>()?;
        Ok(TablePage { cases, total })
    }

    /// How many cases the filters match.
    pub async fn count_matching(
        &self,
        filter: &CaseFilter,
        work: &WorkFilter,
        today: Date,
    ) -> Result<u64> {
        let mut sql = Sql::new("SELECT COUNT(*) AS n FROM cases WHERE 1 = 1");
        let conds = filter_conds(self.backend, filter, today, &mut sql)
            + &work_conds(self.backend, work, &mut sql);
        sql.text += &conds;
        let row = sql.query().fetch_one(&self.read).await?;
        Ok(codec::u64_of(get::<i64>(&row, "n")?))
    }

    /// Cases whose last handover was given back and that wait for no other
    /// handover, by case id (the sender's follow-up is decided by the caller).
    pub async fn returned_handovers(&self, limit: u32) -> Result<Vec<Case>> {
        let text = format!(
            "SELECT state FROM cases WHERE pending_to IS NULL AND {} IS NOT NULL ORDER BY case_id LIMIT $1",
            json_text(self.backend, &["last_returned_handover", "id"])
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(text))
            .bind(i64::from(limit.min(MAX_PAGE)))
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| codec::from_json(&get::<String>(r, "state")?))
            .collect()
    }
}
