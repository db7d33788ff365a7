using System.Globalization;
using System.Text;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.Extensions.Options;
using QRCoder;
using SkiaSharp;

namespace Academy.Web.Certificates;

/// <summary>Draws a certificate as a one-page A4 landscape PDF with SkiaSharp, in the holder's language. The whole drawing
/// lives here so that another engine (QuestPDF, once obtainable) could replace this one class.
/// Thread-safe: the typefaces are immutable and shared; each call makes its own document.</summary>
/// <remarks>The same certificate gives the same bytes: the PDF's dates are the issue date, and nothing else varies.</remarks>
public sealed class CertificatePdf : IDisposable
{
    private const float Width = 842, Height = 595; // A4 landscape, in points
    private const float Margin = 36;
    private static readonly SKColor Ink = new(0x1B, 0x2A, 0x41), Accent = new(0x1F, 0x5F, 0x8B), Gold = new(0xB0, 0x8D, 0x3C), Muted = new(0x4A, 0x55, 0x68);

    private readonly SKTypeface _regular, _bold, _fallback;
    private readonly string _organisation;
    private readonly string _publicUrl;

    public CertificatePdf(IOptions<AcademyOptions> options)
    {
        var fonts = Path.Combine(AppContext.BaseDirectory, "Fonts");
        // Subsets (Fonts/README.md): SkiaSharp embeds a font file whole, so the file's size is the PDF's size.
        _regular = Load(Path.Combine(fonts, "CertificateSans-Regular.ttf"));
        _bold = Load(Path.Combine(fonts, "CertificateSans-Bold.ttf"));
        _fallback = Load(Path.Combine(fonts, "DejaVuSans-Subset.ttf"));
        _organisation = options.Value.OrganisationName;
        _publicUrl = options.Value.PublicUrl.TrimEnd('/');
    }

    private static SKTypeface Load(string path) =>
        SKTypeface.FromFile(path) ?? throw new FileNotFoundException("A certificate font is missing from the application's files.", path);

    /// <summary>Where the QR code and the printed link lead: the public verification page of the code.</summary>
    public string VerificationUrl(string code) => $"{_publicUrl}/verify/{CertificateCode.Format(code)}";

    public static string FileName(Certificate certificate) => $"certificate-{CertificateCode.Format(certificate.Code)}.pdf";

    public byte[] Render(Certificate certificate)
    {
        using var output = new MemoryStream();
        Render(certificate, output);
        return output.ToArray();
    }

    public void Render(Certificate certificate, Stream output)
    {
        var text = certificate.Language == "fr" ? Texts.French : Texts.English;
        var culture = CultureInfo.GetCultureInfo(certificate.Language == "fr" ? "fr-FR" : "en-GB");
        string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", culture);
        var issued = certificate.IssuedAt.UtcDateTime;

        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{text.Title}: {certificate.ProgramTitle}",
            Author = _organisation,
            Subject = $"{certificate.HolderName}, {certificate.ProgramTitle}, {CertificateCode.Format(certificate.Code)}",
            Creator = "Academy",
            Producer = "Academy",
            Creation = issued,
            Modified = issued,
            RasterDpi = 72,
        };
        using var document = SKDocument.CreatePdf(output, metadata);
        var canvas = document.BeginPage(Width, Height);

        DrawFrame(canvas);
        var centre = Width / 2;
        var textWidth = Width - 2 * (Margin + 48);
        DrawLine(canvas, _organisation.ToUpperInvariant(), centre, 92, 15, _bold, Accent, textWidth, SKTextAlign.Center);
        DrawLine(canvas, text.Title, centre, 148, 36, _bold, Ink, textWidth, SKTextAlign.Center);
        DrawLine(canvas, text.Certifies, centre, 196, 14, _regular, Muted, textWidth, SKTextAlign.Center);
        DrawLine(canvas, certificate.HolderName, centre, 246, 32, _bold, Ink, textWidth, SKTextAlign.Center);
        using (var rule = new SKPaint { Color = Gold, StrokeWidth = 1, IsAntialias = true })
            canvas.DrawLine(centre - 160, 262, centre + 160, 262, rule);
        DrawLine(canvas, Jobs.CertificateSubject.ModuleOf(certificate.ProgramId) is null ? text.Completed : text.CompletedModule, centre, 292, 14, _regular, Muted, textWidth, SKTextAlign.Center);
        DrawLine(canvas, certificate.ProgramTitle, centre, 328, 24, _bold, Accent, textWidth, SKTextAlign.Center);

        var standards = certificate.StandardTitles;
        if (standards.Count > 0)
        {
            DrawLine(canvas, text.Standards, centre, 362, 11, _bold, Muted, textWidth, SKTextAlign.Center);
            var y = 380f;
            foreach (var line in Wrap(string.Join("  ·  ", standards), 11, textWidth).Take(3))
            {
                DrawLine(canvas, line, centre, y, 11, _regular, Muted, textWidth, SKTextAlign.Center);
                y += 15;
            }
        }

        // Bottom band: dates and code on the left, the QR code and its link on the right.
        var left = Margin + 48;
        var columnWidth = Width / 2;
        DrawLine(canvas, $"{text.Issued} {Date(certificate.IssuedAt)}", left, 468, 12, _regular, Ink, columnWidth, SKTextAlign.Left);
        DrawLine(canvas, certificate.ExpiresAt is { } expires ? $"{text.ValidUntil} {Date(expires)}" : text.NoExpiry, left, 488, 12, _regular, Ink, columnWidth, SKTextAlign.Left);
        DrawLine(canvas, text.Code, left, 514, 10, _regular, Muted, columnWidth, SKTextAlign.Left);
        DrawLine(canvas, CertificateCode.Format(certificate.Code), left, 534, 18, _bold, Ink, columnWidth, SKTextAlign.Left);

        var url = VerificationUrl(certificate.Code);
        const float qrSize = 96;
        var qrLeft = Width - Margin - 48 - qrSize;
        DrawQr(canvas, url, qrLeft, 420, qrSize);
        DrawLine(canvas, text.Verify, qrLeft - 12, 470, 10, _regular, Muted, 260, SKTextAlign.Right);
        DrawLine(canvas, url, qrLeft - 12, 486, 9, _regular, Accent, 260, SKTextAlign.Right);

        document.EndPage();
        document.Close();
    }

    private static void DrawFrame(SKCanvas canvas)
    {
        using var paint = new SKPaint { Color = Ink, Style = SKPaintStyle.Stroke, StrokeWidth = 3, IsAntialias = true };
        canvas.DrawRect(Margin, Margin, Width - 2 * Margin, Height - 2 * Margin, paint);
        paint.Color = Gold;
        paint.StrokeWidth = 1;
        canvas.DrawRect(Margin + 8, Margin + 8, Width - 2 * Margin - 16, Height - 2 * Margin - 16, paint);
        using var band = new SKPaint { Color = Accent, Style = SKPaintStyle.Fill };
        canvas.DrawRect(Margin + 8, Margin + 8, Width - 2 * Margin - 16, 6, band);
    }

    /// <summary>The QR code, one filled rectangle per run of dark modules in a row. QRCoder's matrix includes the quiet zone.</summary>
    private static void DrawQr(SKCanvas canvas, string url, float x, float y, float size)
    {
        var matrix = QrMatrix(url);
        var cell = size / matrix.Count;
        using var paint = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
        for (var row = 0; row < matrix.Count; row++)
        {
            var cells = matrix[row];
            for (var column = 0; column < cells.Length;)
            {
                if (!cells[column]) { column++; continue; }
                var start = column;
                while (column < cells.Length && cells[column]) column++;
                canvas.DrawRect(x + start * cell, y + row * cell, (column - start) * cell, cell, paint);
            }
        }
    }

    /// <summary>The modules of the QR code of <paramref name="url"/>, quiet zone included (error correction M).</summary>
    public static IReadOnlyList<bool[]> QrMatrix(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(bits => Enumerable.Range(0, bits.Length).Select(i => bits[i]).ToArray()).ToList();
    }

    /// <summary>One line of text, shrunk until it fits <paramref name="maxWidth"/> (a long name stays whole), each
    /// character in the main font or, where it lacks the glyph, the fallback font.</summary>
    private void DrawLine(SKCanvas canvas, string value, float x, float y, float size, SKTypeface typeface, SKColor color, float maxWidth, SKTextAlign align)
    {
        using var font = new SKFont(typeface, size) { Subpixel = true };
        var runs = Runs(value, font);
        using var fallback = new SKFont(_fallback, size) { Subpixel = true };
        var width = Measure(runs, font, fallback);
        if (width > maxWidth)
        {
            var scale = maxWidth / width;
            font.Size = fallback.Size = size * scale;
            width *= scale;
        }
        var left = align switch { SKTextAlign.Center => x - width / 2, SKTextAlign.Right => x - width, _ => x };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        foreach (var (text, primary) in runs)
        {
            var runFont = primary ? font : fallback;
            canvas.DrawText(text, left, y, SKTextAlign.Left, runFont, paint);
            left += runFont.MeasureText(text);
        }
    }

    private static float Measure(IEnumerable<(string Text, bool Primary)> runs, SKFont font, SKFont fallback) =>
        runs.Sum(r => (r.Primary ? font : fallback).MeasureText(r.Text));

    /// <summary>Splits text into runs the typeface can draw and runs left to the fallback.</summary>
    private static List<(string Text, bool Primary)> Runs(string value, SKFont font)
    {
        var runs = new List<(string, bool)>();
        var current = new StringBuilder();
        bool? primary = null;
        foreach (var rune in value.EnumerateRunes())
        {
            var drawable = Rune.IsWhiteSpace(rune) ? primary ?? true : font.ContainsGlyph(rune.Value);
            if (primary is { } p && p != drawable)
            {
                runs.Add((current.ToString(), p));
                current.Clear();
            }
            primary = drawable;
            current.Append(rune.ToString());
        }
        if (primary is { } last) runs.Add((current.ToString(), last));
        return runs;
    }

    /// <summary>Greedy word wrap in the regular font.</summary>
    private IEnumerable<string> Wrap(string value, float size, float maxWidth)
    {
        using var font = new SKFont(_regular, size);
        var line = new StringBuilder();
        foreach (var word in value.Split(' '))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                yield return line.ToString();
                line.Clear().Append(word);
            }
            else line.Clear().Append(candidate);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    public void Dispose()
    {
        _regular.Dispose();
        _bold.Dispose();
        _fallback.Dispose();
    }

    private sealed record Texts(string Title, string Certifies, string Completed, string CompletedModule, string Standards, string Issued, string ValidUntil, string NoExpiry, string Code, string Verify)
    {
        public static readonly Texts English = new("Certificate of completion", "This certifies that", "has completed the program", "has completed the module",
            "Standards covered", "Issued on", "Valid until", "Does not expire", "Certificate code", "Verify this certificate at");

        public static readonly Texts French = new("Certificat de réussite", "Nous certifions que", "a suivi avec succès le programme", "a suivi avec succès le module",
            "Normes couvertes", "Délivré le", "Valable jusqu’au", "Sans date d’expiration", "Code du certificat", "Vérifiez ce certificat sur");
    }
}
