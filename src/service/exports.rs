//! Spreadsheets (issue 21): the statistics, a day's agenda and a period's bookings as
//! real `.xlsx` workbooks (`rust_xlsxwriter`), beside the CSV. A spreadsheet keeps what a
//! CSV loses: numbers stay numbers whatever the reader's locale, dates and times are
//! dates and times, the header row is frozen, and a text that starts with `=` stays text
//! (every text cell is written as a string, never as a formula).

use chrono::NaiveDateTime;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::error::{AppError, AppResult};

/// One cell.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with two decimals.
    Decimal(f64),
    /// A share shown as a percentage (0.25 is 25 %).
    Share(f64),
    /// A local date and time, shown as `dd/mm/yyyy hh:mm`.
    When(NaiveDateTime),
    Empty,
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Self {
        v.map_or(Self::Empty, Self::Decimal)
    }
}

/// A sheet: its name (at most 31 characters, as Excel allows), the header row and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn failed(e: XlsxError) -> AppError {
    AppError::Internal(anyhow::anyhow!("cannot write the spreadsheet: {e}"))
}

/// The workbook of `sheets`, as the bytes of an `.xlsx` file.
pub fn workbook(sheets: &[Sheet]) -> AppResult<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let decimal = Format::new().set_num_format("0.00");
    let share = Format::new().set_num_format("0.0%");
    let when = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for sheet in sheets {
        let ws = book.add_worksheet();
        let name: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        ws.set_name(if name.trim().is_empty() {
            "Sheet"
        } else {
            &name
        })
        .map_err(failed)?;
        for (col, header) in (0u16..).zip(&sheet.headers) {
            ws.write_string_with_format(0, col, header, &bold)
                .map_err(failed)?;
            ws.set_column_width(col, (header.chars().count() + 2).clamp(10, 40) as f64)
                .map_err(failed)?;
        }
        ws.set_freeze_panes(1, 0).map_err(failed)?;
        for (row, cells) in (1u32..).zip(&sheet.rows) {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(s) => ws.write_string(row, col, s).map(drop),
                    Cell::Int(n) => ws.write_number(row, col, *n as f64).map(drop),
                    Cell::Decimal(v) => ws
                        .write_number_with_format(row, col, *v, &decimal)
                        .map(drop),
                    Cell::Share(v) => ws.write_number_with_format(row, col, *v, &share).map(drop),
                    Cell::When(t) => ws.write_datetime_with_format(row, col, t, &when).map(drop),
                    Cell::Empty => Ok(()),
                }
                .map_err(failed)?;
            }
        }
    }
    book.save_to_buffer().map_err(failed)
}

/// The MIME type of an `.xlsx` file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
