//! The one outbox for every message. A message is a row written in the transaction of the
//! change it reports, so a booking and its confirmation exist together or not at all.
//! Senders claim due rows, deliver them and record the outcome:
//!
//! - claiming marks rows `sending` with a lease (`locked_until`); on PostgreSQL with
//!   `FOR UPDATE SKIP LOCKED`, so several server processes never claim the same row;
//!   a sender that dies leaves its claim to lapse, and the row is claimed again;
//! - a delivered row becomes `sent` and is never claimed again; a transient failure (a
//!   server down, a 4xx) is retried with exponential backoff; a permanent one (5xx) ends
//!   as `failed` with the server's reason, for staff and managers to see.
//!
//! Delivery is at least once: a process killed between the SMTP server's acceptance and
//! the `sent` update would send that one message again after its lease lapses. Every copy
//! carries the same `Message-ID`, so mail systems can recognise it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use entity::outbox_message;
use entity::status::MessageStatus;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, FromQueryResult,
    QueryFilter, Statement, sea_query::Expr,
};

use crate::{error::AppResult, service::db::Db};

/// How long a claim holds a row before another sender may take it over.
pub const LEASE: Duration = Duration::seconds(120);

/// A message to queue.
#[derive(Debug, Clone)]
pub struct Letter {
    /// `confirmation`, `cancellation`, `reminder`.
    pub kind: &'static str,
    /// The booking it is about.
    pub booking_id: Option<i32>,
    /// The citizen's address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
    /// Calendar attachment.
    pub ics: Option<String>,
    /// Check-in URL to draw as an inline QR code.
    pub qr_url: Option<String>,
    /// Makes the message unique (see `outbox_message::dedupe_key`).
    pub dedupe_key: Option<String>,
}

/// Queues a message (inside the caller's transaction). A message with a `dedupe_key`
/// that is already queued is not queued again.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    letter: Letter,
    now: DateTime<Utc>,
) -> AppResult<()> {
    enqueue_named(db, letter, now).await.map(|_| ())
}

/// As [`enqueue`], answering the message's `Message-ID`, which names this one row (see
/// [`discard`]).
pub async fn enqueue_named(
    db: &impl ConnectionTrait,
    letter: Letter,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let message_id = format!("<{}@sportello>", uuid::Uuid::new_v4().simple());
    enqueue_with_id(db, letter, message_id.clone(), now).await?;
    Ok(message_id)
}

/// As [`enqueue`], under the `Message-ID` given (an IO message, named after its email).
pub async fn enqueue_with_id(
    db: &impl ConnectionTrait,
    letter: Letter,
    message_id: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let row = outbox_message::ActiveModel {
        kind: Set(letter.kind.into()),
        booking_id: Set(letter.booking_id),
        recipient: Set(letter.recipient),
        subject: Set(letter.subject),
        body_text: Set(letter.text),
        body_html: Set(letter.html),
        ics: Set(letter.ics),
        qr_url: Set(letter.qr_url),
        message_id: Set(message_id),
        dedupe_key: Set(letter.dedupe_key),
        status: Set(MessageStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    };
    outbox_message::Entity::insert(row)
        .on_conflict_do_nothing_on([outbox_message::Column::DedupeKey])
        .exec(db)
        .await?;
    Ok(())
}

/// The kind of an IO app message (`service::io_app`).
pub const IO_KIND: &str = "io";

/// The `Message-ID` of the IO twin of the email `message_id`, so that discarding a
/// confirmation discards its twin.
pub fn twin_id(message_id: &str) -> String {
    format!("{}.io>", message_id.trim_end_matches('>'))
}

/// Removes one message queued in this transaction, named by its `Message-ID`: a
/// confirmation written before its booking's place was taken, when the place was then
/// refused. By name, not by booking: two requests taking over one hold both write one
/// for the hold's id, and the refused one must not remove the other's.
pub async fn discard(db: &impl ConnectionTrait, message_id: &str) -> AppResult<()> {
    // With its IO twin, if it has one.
    let twin = twin_id(message_id);
    outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::MessageId.is_in([message_id, twin.as_str()]))
        .exec(db)
        .await?;
    Ok(())
}

/// Claims up to `limit` due messages for this sender: first those whose sender's lease
/// ran out (a process that stopped mid-send), then the pending ones longest due.
///
/// Each half is its own `LIMIT`ed read of `idx_outbox_due` (status, next attempt), so a
/// claim reads about `limit` index entries whatever the backlog. The earlier single
/// condition (`pending and due OR sending and expired`, by id) made PostgreSQL gather
/// every due row with a bitmap and sort them for the first sixteen: 5.9 ms a claim with
/// 7,000 queued, a third of the database's CPU while a storm's confirmations went out
/// (BENCHMARKS.md, issue 19). Pending messages go out by `next_attempt_at`,
/// which is their queueing time until a failure puts one back.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    limit: u64,
) -> AppResult<Vec<outbox_message::Model>> {
    let stmt = claim_statement(db.backend(), now + LEASE, now, limit);
    // SQLite has one writer; the gate keeps claims from queueing on its busy handler.
    let _gate = db.write_turn().await;
    let rows = db.conn.query_all_raw(stmt).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(outbox_message::Model::from_query_result(&row, "")?);
    }
    out.sort_by_key(|m| m.id);
    Ok(out)
}

/// Records the outcome of a claim for `rows`, only while each claim is still ours: a
/// sender whose lease lapsed (and whose row another sender claimed since) changes
/// nothing. One statement per lease, so a batch from one claim (which gives all its rows
/// one lease) is one statement. On SQLite it waits for the write gate, so that it never
/// queues on the busy handler, whose sleeps would then hold up the booking next in line.
async fn finish(
    db: &Db,
    rows: &[&outbox_message::Model],
    set: Vec<(outbox_message::Column, Expr)>,
) -> AppResult<()> {
    use outbox_message::Column as C;
    if rows.is_empty() {
        return Ok(());
    }
    let mut by_lease: BTreeMap<Option<DateTime<Utc>>, Vec<i32>> = BTreeMap::new();
    for row in rows {
        by_lease.entry(row.locked_until).or_default().push(row.id);
    }
    let _gate = db.write_turn().await;
    for (lease, ids) in by_lease {
        let mut update = outbox_message::Entity::update_many()
            .filter(C::Id.is_in(ids))
            .filter(C::Status.eq(MessageStatus::Sending));
        if let Some(lease) = lease {
            update = update.filter(C::LockedUntil.eq(lease));
        }
        for (col, value) in &set {
            update = update.col_expr(*col, value.clone());
        }
        update.exec(&db.conn).await?;
    }
    Ok(())
}

/// The statement of [`claim`]: due messages claimed until `lease_end`, at most `limit`.
/// A webhook delivery is due only when no earlier one of its endpoint and booking still
/// waits (`idx_outbox_webhook_order`), so each endpoint gets a booking's events in order.
/// Public so that a test can ask the planners which index it reads.
pub fn claim_statement(
    backend: DatabaseBackend,
    lease_end: DateTime<Utc>,
    now: DateTime<Utc>,
    limit: u64,
) -> Statement {
    let limit = i64::try_from(limit).unwrap_or(50);
    // `FOR UPDATE SKIP LOCKED` in each half on PostgreSQL: two senders claim different
    // messages. SQLite has one writer, so the halves need no lock.
    let (lock, p) = match backend {
        DatabaseBackend::Postgres => (" FOR UPDATE SKIP LOCKED", ["$1", "$2", "$3"]),
        _ => ("", ["?1", "?2", "?3"]),
    };
    let sql = format!(
        "UPDATE outbox_message SET status = 'sending', locked_until = {lease}, attempts = attempts + 1 \
         WHERE id IN (\
           SELECT id FROM (SELECT id FROM outbox_message \
             WHERE status = 'sending' AND locked_until <= {now} LIMIT {limit}{lock}) expired \
           UNION ALL \
           SELECT id FROM (SELECT id FROM outbox_message \
             WHERE status = 'pending' AND next_attempt_at <= {now} \
             AND (webhook_id IS NULL OR NOT EXISTS (SELECT 1 FROM outbox_message earlier \
               WHERE earlier.webhook_id = outbox_message.webhook_id \
               AND earlier.booking_id = outbox_message.booking_id \
               AND earlier.id < outbox_message.id \
               AND earlier.status IN ('pending', 'sending'))) \
             ORDER BY next_attempt_at LIMIT {limit}{lock}) due \
           LIMIT {limit}) \
         RETURNING *",
        lease = p[0],
        now = p[1],
        limit = p[2],
    );
    Statement::from_sql_and_values(backend, sql, [lease_end.into(), now.into(), limit.into()])
}

/// Records messages delivered, in one statement for a whole batch: one commit instead of
/// one per message, so the sender's writes cost the database (and the requests sharing
/// its cores) a sixteenth as much. A message whose lease lapsed and which another sender
/// claimed since stays theirs (it may then go out twice: at least once).
pub async fn mark_sent(
    db: &Db,
    rows: &[outbox_message::Model],
    now: DateTime<Utc>,
) -> AppResult<()> {
    use outbox_message::Column as C;
    finish(
        db,
        &rows.iter().collect::<Vec<_>>(),
        vec![
            (C::Status, Expr::value(MessageStatus::Sent)),
            (C::SentAt, Expr::value(now)),
            (C::LastError, Expr::value(Option::<String>::None)),
        ],
    )
    .await
}

/// Records a transient failure and when to try again: 1, 2, 4… times `base`, at most
/// an hour apart.
pub async fn mark_retry(
    db: &Db,
    row: &outbox_message::Model,
    reason: &str,
    base: Duration,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use outbox_message::Column as C;
    let exponent = u32::try_from(row.attempts.clamp(1, 12) - 1).unwrap_or(0);
    let delay = (base * 2i32.pow(exponent)).min(Duration::hours(1));
    finish(
        db,
        &[row],
        vec![
            (C::Status, Expr::value(MessageStatus::Pending)),
            (C::NextAttemptAt, Expr::value(now + delay)),
            (C::LastError, Expr::value(truncate(reason))),
        ],
    )
    .await
}

/// Records a message not sent, rightly (the recipient does not take the channel's).
pub async fn mark_skipped(db: &Db, row: &outbox_message::Model, reason: &str) -> AppResult<()> {
    use outbox_message::Column as C;
    finish(
        db,
        &[row],
        vec![
            (C::Status, Expr::value(MessageStatus::Skipped)),
            (C::LastError, Expr::value(truncate(reason))),
        ],
    )
    .await
}

/// Records a permanent failure: never retried.
pub async fn mark_failed(db: &Db, row: &outbox_message::Model, reason: &str) -> AppResult<()> {
    use outbox_message::Column as C;
    finish(
        db,
        &[row],
        vec![
            (C::Status, Expr::value(MessageStatus::Failed)),
            (C::LastError, Expr::value(truncate(reason))),
        ],
    )
    .await
}

fn truncate(reason: &str) -> String {
    reason.chars().take(500).collect()
}

/// A queued or sent message as staff and managers see it (no bodies: they hold tokens).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct MessageView {
    /// Message id.
    pub id: i32,
    /// `confirmation`, `cancellation`, `reminder`.
    pub kind: String,
    /// The booking's reference.
    pub reference: Option<String>,
    /// The citizen's address.
    pub recipient: String,
    /// `pending`, `sending`, `sent`, `failed`.
    #[schema(value_type = String)]
    pub status: MessageStatus,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// The last failure, as the mail server put it.
    pub last_error: Option<String>,
    /// When it was queued (UTC).
    pub created_at: String,
    /// When it was delivered (UTC).
    pub sent_at: Option<String>,
}

/// Messages about an office's bookings, newest first, optionally of one status.
pub async fn list_for_office(
    db: &Db,
    office_id: i32,
    status: Option<MessageStatus>,
) -> AppResult<Vec<MessageView>> {
    use entity::booking;
    use sea_orm::{QueryOrder, QuerySelect, sea_query::Query};
    let bookings = Query::select()
        .column(booking::Column::Id)
        .from(booking::Entity)
        .and_where(booking::Column::OfficeId.eq(office_id))
        .to_owned();
    let mut find = outbox_message::Entity::find()
        .filter(outbox_message::Column::BookingId.in_subquery(bookings))
        .filter(outbox_message::Column::WebhookId.is_null())
        // Emails only: IO messages are their twins (API.md's kinds and statuses).
        .filter(outbox_message::Column::Kind.ne(IO_KIND))
        .order_by_desc(outbox_message::Column::Id)
        .limit(500);
    if let Some(s) = status {
        find = find.filter(outbox_message::Column::Status.eq(s));
    }
    let rows = find.all(&db.conn).await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.booking_id).collect();
    let refs: Vec<(i32, Option<String>)> = booking::Entity::find()
        .select_only()
        .columns([booking::Column::Id, booking::Column::Reference])
        .filter(booking::Column::Id.is_in(ids))
        .into_tuple()
        .all(&db.conn)
        .await?;
    let fmt = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    Ok(rows
        .into_iter()
        .map(|r| MessageView {
            reference: refs
                .iter()
                .find(|(id, _)| Some(*id) == r.booking_id)
                .and_then(|(_, reference)| reference.clone()),
            id: r.id,
            kind: r.kind,
            recipient: r.recipient,
            status: r.status,
            attempts: r.attempts,
            last_error: r.last_error,
            created_at: fmt(r.created_at),
            sent_at: r.sent_at.map(fmt),
        })
        .collect())
}

/// How many emails wait (`pending`, `sending`) or failed for good; sent ones are left
/// out, so the count stays small however long the history grows.
pub async fn counts_by_status(db: &Db) -> AppResult<Vec<(String, i64)>> {
    use sea_orm::{QuerySelect, sea_query::Func};
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.is_in([
            MessageStatus::Pending,
            MessageStatus::Sending,
            MessageStatus::Failed,
        ]))
        // Emails: the alerts on them say "mail"; webhook deliveries are on the managers'
        // page, IO messages are twins of emails counted here.
        .filter(outbox_message::Column::WebhookId.is_null())
        .filter(outbox_message::Column::Kind.ne(IO_KIND))
        .select_only()
        .column(outbox_message::Column::Status)
        .column_as(
            Expr::expr(Func::count(Expr::col(outbox_message::Column::Id))),
            "n",
        )
        .group_by(outbox_message::Column::Status)
        .into_tuple::<(String, i64)>()
        .all(&db.conn)
        .await?)
}
