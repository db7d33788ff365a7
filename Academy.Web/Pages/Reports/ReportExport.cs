using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using Academy.Domain.Reports;
using CsvHelper;
using Microsoft.Extensions.Localization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Academy.Web.Pages.Reports;

/// <summary>The completion report as CSV or XLSX, written row by row to the response as the rows are read: nothing holds
/// the whole file. Both formats carry the same columns: the employee, their counts of completed and overdue modules, then
/// a status and a date per module (the date the screen shows beside the status).</summary>
public static class ReportExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ContentType(string format) => format == "csv" ? CsvType : XlsxType;

    public static string FileName(string format, DateTimeOffset at) => $"completion-{at:yyyy-MM-dd}.{format}";

    /// <summary>The completion report as a file in the current UI language: what the Reports page's export, the
    /// scheduled report's job and its download link all write.</summary>
    /// <returns>The employee rows written.</returns>
    public static async Task<int> WriteReportAsync(Stream body, string format, CompletionReport report, IStringLocalizer t, CancellationToken cancellationToken)
    {
        var modules = report.Modules(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var headers = new Headers(
            [t["Employee number"], t["Name"], t["Email"], t["Department"], t["Location"], t["Job role"], t["Manager"], t["Hire date"]],
            t["Completed"], t["Overdue"], t["(date)"]);
        var rows = report.RowsAsync(modules, null, CompletionReport.ChunkSize(modules.Count), cancellationToken);
        // Looked up once per export, not once per cell: 5 million cells at 50,000 × 100.
        var texts = Enum.GetValues<TrainingStatus>().ToDictionary(s => s, s => (string)t[ReportText.Of(s)]);
        string Status(TrainingStatus status) => texts[status];
        if (format == "csv") return await WriteCsvAsync(body, rows, modules, headers, Status, cancellationToken);
        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        var count = await WriteXlsxAsync(pipe, rows, modules, headers, Status, t["Completion report"], cancellationToken);
        await pipe.CompleteAsync();
        return count;
    }

    /// <summary>The XLSX rows are flushed to the client after the first and then every this many, so the first bytes
    /// leave at once and the response buffer stays small.</summary>
    private const int FlushEvery = 200;

    public sealed record Headers(IReadOnlyList<string> Employee, string Completed, string Overdue, string DateSuffix);

    private static IEnumerable<string> HeaderRow(Headers headers, IReadOnlyList<ReportModule> modules) =>
        [.. headers.Employee, headers.Completed, headers.Overdue, .. modules.SelectMany(m => new[] { m.Title, $"{m.Title} {headers.DateSuffix}" })];

    private static string?[] EmployeeTexts(ReportRow row) => [row.Number, row.Name, row.Email, row.Department, row.Location, row.JobRole, row.Manager];

    /// <summary>RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so that Excel reads accents right. Dates as ISO dates.
    /// CsvHelper fills its own buffer and writes it out, asynchronously, when a record ends with it mostly full; the header
    /// and the first row are flushed at once, so the download starts before the first chunk's queries, not after a 64 KB
    /// buffer has filled.</summary>
    public static async Task<int> WriteCsvAsync(Stream body, IAsyncEnumerable<ReportRow> rows, IReadOnlyList<ReportModule> modules,
        Headers headers, Func<TrainingStatus, string> statusText, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        foreach (var header in HeaderRow(headers, modules)) csv.WriteField(SpreadsheetText.Neutralise(header));
        await csv.EndRecordAsync(cancellationToken);
        await csv.FlushAsync(cancellationToken);
        // Each status as UTF-8 once, not transcoded again in each of 5 million cells.
        var statuses = StatusTexts(statusText).Select(Encoding.UTF8.GetBytes).ToArray();
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var text in EmployeeTexts(row)) csv.WriteField(SpreadsheetText.Neutralise(text));
            if (row.HireDate is { } hired) csv.WriteField(hired, ""); else csv.WriteField("");
            csv.WriteField(row.Count(TrainingStatus.Completed), "");
            csv.WriteField(row.Count(TrainingStatus.Overdue), "");
            foreach (var cell in row.Cells)
            {
                csv.WriteField((ReadOnlySpan<byte>)statuses[(int)cell.Status]);
                if (cell.Date is { } date) csv.WriteField(date, ""); else csv.WriteField("");
            }
            await csv.EndRecordAsync(cancellationToken);
            if (++count == 1) await csv.FlushAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }

    // Cell formats of styles.xml: 0 plain, 1 a date (built-in format 14), 2 the bold header.
    private const uint DateStyle = 1, HeaderStyle = 2;

    /// <summary>An XLSX package written entry by entry into a zip that streams (no seeking back), the sheet through the
    /// SDK's <see cref="OpenXmlPartWriter"/>: typed cells (dates as dates, counts as numbers), the header row frozen,
    /// column widths set.</summary>
    public static async Task<int> WriteXlsxAsync(PipeWriter body, IAsyncEnumerable<ReportRow> rows, IReadOnlyList<ReportModule> modules,
        Headers headers, Func<TrainingStatus, string> statusText, string sheetName, CancellationToken cancellationToken)
    {
        var stream = new BufferingStream(body);
        var count = 0;
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """);
            WriteEntry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            WriteEntry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """);
            WritePart(zip, "xl/workbook.xml", new Workbook(new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = "rId1" })));
            WritePart(zip, "xl/styles.xml", Styles());

            await using (var part = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open())
            using (var writer = new OpenXmlPartWriter(part, Encoding.UTF8))
            {
                writer.WriteStartDocument();
                writer.WriteStartElement(new Worksheet());
                // Frozen header: the pane below row 1 scrolls, row 1 stays.
                writer.WriteElement(new SheetViews(new SheetView(new Pane
                {
                    VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
                }) { WorkbookViewId = 0 }));
                writer.WriteElement(Columns(modules.Count));
                writer.WriteStartElement(new SheetData());
                var sheet = new SheetCells(writer);
                sheet.StartRow();
                foreach (var header in HeaderRow(headers, modules)) sheet.Text(header, bold: true);
                sheet.EndRow();
                var statuses = StatusTexts(statusText);
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    sheet.StartRow();
                    foreach (var text in EmployeeTexts(row)) sheet.Text(text);
                    sheet.Date(row.HireDate);
                    sheet.Number(row.Count(TrainingStatus.Completed));
                    sheet.Number(row.Count(TrainingStatus.Overdue));
                    foreach (var cell in row.Cells)
                    {
                        sheet.Text(statuses[(int)cell.Status]);
                        sheet.Date(cell.Date);
                    }
                    sheet.EndRow();
                    if (++count % FlushEvery == 0 || count == 1)
                    {
                        // The XML writer and the zip pass their output on as their small buffers fill; this sends it.
                        await body.FlushAsync(cancellationToken);
                    }
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.Close();
            }
        }
        await body.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Each status's text, looked up once per export rather than once per cell.</summary>
    private static string[] StatusTexts(Func<TrainingStatus, string> statusText) =>
        Enum.GetValues<TrainingStatus>().Select(s => (Value: (int)s, Text: statusText(s))).OrderBy(s => s.Value).Select(s => s.Text).ToArray();

    /// <summary>Writes the sheet's cells through the SDK's writer with one instance of each element and attribute list
    /// for the whole export: building a <see cref="Cell"/> tree per cell made XLSX five times slower than CSV.
    /// Text goes inline (no shared-strings table to hold in memory), neutralised; dates as serial numbers with a date
    /// format, so that they sort and filter as dates.</summary>
    private sealed class SheetCells(OpenXmlWriter writer)
    {
        private readonly Row _row = new();
        private readonly Cell _cell = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private readonly CellValue _value = new();
        private readonly OpenXmlAttribute[] _inlineText = [new("t", "", "inlineStr")];
        private readonly OpenXmlAttribute[] _boldText = [new("s", "", HeaderStyle.ToString(CultureInfo.InvariantCulture)), new("t", "", "inlineStr")];
        private readonly OpenXmlAttribute[] _dateStyle = [new("s", "", DateStyle.ToString(CultureInfo.InvariantCulture))];
        private readonly OpenXmlAttribute[] _preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
        private readonly Dictionary<DateOnly, string> _serials = [];

        public void StartRow() => writer.WriteStartElement(_row);

        public void EndRow() => writer.WriteEndElement();

        public void Text(string? text, bool bold = false)
        {
            writer.WriteStartElement(_cell, bold ? _boldText : _inlineText);
            writer.WriteStartElement(_inline);
            writer.WriteStartElement(_text, _preserve);
            writer.WriteString(SpreadsheetText.Neutralise(text));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        public void Number(int value) => Value([], value.ToString(CultureInfo.InvariantCulture));

        /// <summary>A date cell, or an empty cell for no date (so that every row has the same columns).</summary>
        public void Date(DateOnly? date)
        {
            if (date is not { } day)
            {
                writer.WriteStartElement(_cell);
                writer.WriteEndElement();
                return;
            }
            if (!_serials.TryGetValue(day, out var serial))
                _serials[day] = serial = day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture);
            Value(_dateStyle, serial);
        }

        private void Value(OpenXmlAttribute[] attributes, string value)
        {
            writer.WriteStartElement(_cell, attributes);
            writer.WriteStartElement(_value);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    /// <summary>Widths in characters: names and emails wide, codes and dates narrow, module statuses by their header.</summary>
    private static Columns Columns(int moduleCount)
    {
        double[] employee = [14, 26, 30, 18, 14, 22, 24, 12, 11, 10];
        var columns = new Columns();
        uint index = 1;
        foreach (var width in employee.Concat(Enumerable.Range(0, moduleCount).SelectMany(_ => new double[] { 18, 14 })))
        {
            columns.Append(new Column { Min = index, Max = index, Width = width, CustomWidth = true });
            index++;
        }
        return columns;
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 3 });

    private static void WriteEntry(ZipArchive zip, string name, string xml)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        entry.Write(Encoding.UTF8.GetBytes(xml.Trim()));
    }

    private static void WritePart(ZipArchive zip, string name, OpenXmlPartRootElement root)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new OpenXmlPartWriter(entry, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteElement(root);
        writer.Close();
    }

    /// <summary>Copies writes into the response's buffer and never sends: the writers above send with awaited flushes
    /// every <see cref="FlushEvery"/> rows. (The pipe's own stream would flush, and block, on every synchronous write, and
    /// CsvHelper, the zip and the OpenXML writer all write synchronously.)</summary>
    private sealed class BufferingStream(PipeWriter body) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) => body.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
