using Academy.Domain.Certificates;
using Academy.Web.Certificates;
using Academy.Web.Data;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Academy.Tests.Pages;

[Collection(HostCollection.Name)]
public sealed class CertificatePdfTests(AcademyFactory factory)
{
    private CertificatePdf Pdf => factory.Services.GetRequiredService<CertificatePdf>();

    private static Certificate Sample(string language = "en", string name = "Sam Rivera") => new()
    {
        Id = 1, Code = CertificateCode.NewCode(), HolderId = "x", HolderName = name, ProgramId = "onboarding", ProgramTitle = "Onboarding",
        Standards = "Warm welcome\nListen first\nRecover with care", Language = language,
        IssuedAt = new DateTimeOffset(2026, 6, 1, 9, 30, 0, TimeSpan.Zero), ExpiresAt = new DateTimeOffset(2027, 3, 15, 9, 30, 0, TimeSpan.Zero),
        CompletionKey = "1,2,3",
    };

    private static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public void Pdf_HoldsHolderProgramCodeAndEnglishDates_AndMetadata()
    {
        var certificate = Sample();

        using var document = PdfDocument.Open(Pdf.Render(certificate));

        var page = document.GetPage(1);
        var text = Squash(page.Text);
        Assert.Equal(1, document.NumberOfPages);
        Assert.True(page.Width > page.Height, "A4 landscape");
        Assert.Equal(842, page.Width, 0);
        Assert.Contains("SamRivera", text);
        Assert.Contains("Onboarding", text);
        Assert.Contains(Squash(CertificateCode.Format(certificate.Code)), text);
        Assert.Contains("Issuedon1June2026", text);
        Assert.Contains("Validuntil15March2027", text);
        Assert.Contains("Warmwelcome", text);
        Assert.Equal("Certificate of completion: Onboarding", document.Information.Title);
        Assert.Equal("Academy", document.Information.Author);
        Assert.Contains("Sam Rivera", document.Information.Subject);
    }

    [Fact]
    public void Pdf_IsInTheHoldersLanguage()
    {
        var certificate = Sample("fr", "Léa Moreau");

        using var document = PdfDocument.Open(Pdf.Render(certificate));

        var text = Squash(document.GetPage(1).Text);
        Assert.Contains("LéaMoreau", text);
        Assert.Contains("Certificatderéussite", text);
        Assert.Contains("Délivréle1juin2026", text);
        Assert.Contains("Valablejusqu’au15mars2027", text);
        Assert.DoesNotContain("Issuedon", text);
    }

    [Fact]
    public void Pdf_IsTheSameBytesEveryTime()
    {
        var certificate = Sample();

        Assert.Equal(Pdf.Render(certificate), Pdf.Render(certificate));
    }

    [Fact]
    public void Pdf_QrCode_IsTheVerificationUrl()
    {
        var certificate = Sample();
        var url = Pdf.VerificationUrl(certificate.Code);

        using var document = PdfDocument.Open(Pdf.Render(certificate));

        // The QR code is the only thing drawn in black: read its modules back from the rectangles on the page.
        var rectangles = document.GetPage(1).Paths
            .Where(p => p.IsFilled && p.FillColor is { } color && color.ToRGBValues() == (0, 0, 0))
            .SelectMany(p => p)
            .Select(s => s.GetBoundingRectangle()!.Value)
            .ToList();
        Assert.NotEmpty(rectangles);
        var cell = rectangles.Min(r => r.Height);
        var left = rectangles.Min(r => r.Left);
        var top = rectangles.Max(r => r.Top);
        var drawn = new HashSet<(int Row, int Column)>();
        foreach (var r in rectangles)
        {
            var row = (int)Math.Round((top - r.Top) / cell);
            var first = (int)Math.Round((r.Left - left) / cell);
            for (var c = 0; c < (int)Math.Round(r.Width / cell); c++) drawn.Add((row, first + c));
        }
        var matrix = CertificatePdf.QrMatrix(url);
        var expected = new HashSet<(int, int)>();
        var firstRow = matrix.Select((bits, i) => (bits, i)).First(x => x.bits.Contains(true)).i;
        var firstColumn = matrix.Where(bits => bits.Contains(true)).Min(bits => Array.IndexOf(bits, true));
        for (var row = 0; row < matrix.Count; row++)
            for (var column = 0; column < matrix[row].Length; column++)
                if (matrix[row][column]) expected.Add((row - firstRow, column - firstColumn));

        Assert.Equal($"http://localhost:5000/verify/{CertificateCode.Format(certificate.Code)}", url);
        Assert.Equal(expected.Order(), drawn.Order());
    }

    [Fact]
    public void Pdf_KeepsAVeryLongNameWhole_AndDrawsAccentsAndArabicWithTheFallbackFont()
    {
        var longName = string.Join(' ', Enumerable.Repeat("Maximilian-Alexander von Habsburg-Lothringen", 4));
        var mixed = "Zoë Ünal محمد";

        using var longDocument = PdfDocument.Open(Pdf.Render(Sample(name: longName)));
        using var mixedDocument = PdfDocument.Open(Pdf.Render(Sample(name: mixed)));

        Assert.Contains(Squash(longName), Squash(longDocument.GetPage(1).Text));
        var text = mixedDocument.GetPage(1).Text;
        Assert.Contains("ZoëÜnal", Squash(text));
        Assert.All("محمد", letter => Assert.Contains(letter, text));
        Assert.Contains(mixedDocument.GetPage(1).Letters, l => l.FontName?.Contains("DejaVu", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Theory]
    [InlineData("en", "Sam Rivera")]
    [InlineData("fr", "Léa Moreau-Dvořák Œuvray")]
    public void Pdf_IsAtMost250KB_AndDrawsEveryLetterOfALatinCertificateWithTheSubsetFont(string language, string name)
    {
        var certificate = Sample(language, name);
        certificate.ExpiresAt = null; // "Does not expire" / "Sans date d’expiration": every text of the page is drawn

        var bytes = Pdf.Render(certificate);
        using var document = PdfDocument.Open(bytes);

        Assert.True(bytes.Length <= 250 * 1024, $"{bytes.Length / 1024} KB");
        // The subset keeps every character the certificate's own texts use: none of them falls back to DejaVu.
        Assert.All(document.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)),
            l => Assert.Contains("AcademyCertificateSans", l.FontName));
    }

    [Fact]
    public void Pdf_WithTheFallbackFont_IsStillAtMost250KB()
    {
        var bytes = Pdf.Render(Sample(name: "Νίκος Иванов محمد"));

        using var document = PdfDocument.Open(bytes);
        Assert.True(bytes.Length <= 250 * 1024, $"{bytes.Length / 1024} KB");
        Assert.Contains(document.GetPage(1).Letters, l => l.FontName?.Contains("DejaVu", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void Pdf_OfAModuleCertificate_SaysTheModule()
    {
        var certificate = Sample("fr");
        (certificate.ProgramId, certificate.ProgramTitle) = ("module:guest-preferences", "Noter les préférences");

        using var document = PdfDocument.Open(Pdf.Render(certificate));

        var text = Squash(document.GetPage(1).Text);
        Assert.Contains("asuiviavecsuccèslemodule", text);
        Assert.Contains("Noterlespréférences", text);
    }
}
