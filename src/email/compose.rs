//! Turning an outbox row into a MIME message: HTML with a plain-text alternative, the QR
//! code as an inline PNG (`cid:qr`, shown by common clients), and the `.ics` attachment.

use lettre::{
    Message,
    message::{Attachment, Mailbox, MultiPart, header::ContentType},
};

use entity::outbox_message;

/// The QR code of `url` as a PNG image.
///
/// With one fixed mask (the checkerboard) rather than the best of eight: `QrCode::new`
/// draws and scores all eight masks, which was most of building a confirmation and,
/// in a popular start's profile, about a tenth of the server's CPU. Readers decode any
/// mask; the choice only lowers the odds of large same-colour areas, which a code of
/// this size on a screen or paper does not need (the tests decode it with `rqrr`).
pub fn qr_png(url: &str) -> anyhow::Result<Vec<u8>> {
    use qrcode::{EcLevel, bits, canvas, ec, render::Renderer, types::Version};
    let level = EcLevel::M;
    let bits = bits::encode_auto(url.as_bytes(), level)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let mut canvas = canvas::Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(canvas::MaskPattern::Checkerboard);
    let colors = canvas.into_colors();
    let quiet_zone = if matches!(version, Version::Micro(_)) {
        2
    } else {
        4
    };
    let width = usize::try_from(version.width())?;
    let image = Renderer::<image::Luma<u8>>::new(&colors, width, quiet_zone)
        .min_dimensions(240, 240)
        .build();
    let mut png = Vec::new();
    image::DynamicImage::ImageLuma8(image)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

/// The calendar attachment's name in the message's language ("appuntamento.ics",
/// "appointment.ics"). The row keeps no language of its own; its HTML body, which the
/// letters write with `<html lang="…">`, says which.
fn calendar_file_name(row: &outbox_message::Model) -> String {
    let lang = row
        .body_html
        .split_once("<html lang=\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .and_then(|code| crate::domain::Language::parse(code).ok())
        .unwrap_or_default();
    let t = crate::l10n::Tr::of(lang);
    let name = if row.kind == "cancellation" {
        crate::l10n::fl!(t, "email-calendar-file-cancel")
    } else {
        crate::l10n::fl!(t, "email-calendar-file")
    };
    format!("{name}.ics")
}

/// Builds the message of an outbox row.
pub fn message(row: &outbox_message::Model, from: &Mailbox) -> anyhow::Result<Message> {
    let to: Mailbox = row.recipient.parse()?;
    let alternative =
        MultiPart::alternative_plain_html(row.body_text.clone(), row.body_html.clone());
    let body = match &row.qr_url {
        Some(url) => MultiPart::related().multipart(alternative).singlepart(
            Attachment::new_inline("qr".to_string())
                .body(qr_png(url)?, ContentType::parse("image/png")?),
        ),
        None => alternative,
    };
    let body = match &row.ics {
        Some(ics) => {
            let method = if row.kind == "cancellation" {
                "CANCEL"
            } else {
                "PUBLISH"
            };
            MultiPart::mixed().multipart(body).singlepart(
                Attachment::new(calendar_file_name(row)).body(
                    ics.clone(),
                    ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))?,
                ),
            )
        }
        None => MultiPart::mixed().multipart(body),
    };
    Ok(Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(row.message_id.clone()))
        .multipart(body)?)
}
