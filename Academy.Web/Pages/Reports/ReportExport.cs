using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using Academy.Domain.Reports;
using CsvHelper;
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

    /// <summary>The rows are flushed to the client every this many, so the first bytes leave at once and the response
    /// buffer stays small.</summary>
    private const int FlushEvery = 200;

    public sealed record Headers(IReadOnlyList<string> Employee, string Completed, string Overdue, string DateSuffix);

    private static IEnumerable<string> HeaderRow(Headers headers, IReadOnlyList<ReportModule> modules) =>
        [.. headers.Employee, headers.Completed, headers.Overdue, .. modules.SelectMany(m => new[] { m.Title, $"{m.Title} {headers.DateSuffix}" })];

    private static string?[] EmployeeTexts(ReportRow row) => [row.Number, row.Name, row.Email, row.Department, row.Location, row.JobRole, row.Manager];

    /// <summary>RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so that Excel reads accents right. Dates as ISO dates.
    /// CsvHelper fills its own buffer and writes it out, asynchronously, when a record ends with it mostly full.</summary>
    public static async Task<int> WriteCsvAsync(Stream body, IAsyncEnumerable<ReportRow> rows, IReadOnlyList<ReportModule> modules,
        Headers headers, Func<TrainingStatus, string> statusText, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        foreach (var header in HeaderRow(headers, modules)) csv.WriteField(SpreadsheetText.Neutralise(header));
        await csv.EndRecordAsync(cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var text in EmployeeTexts(row)) csv.WriteField(SpreadsheetText.Neutralise(text));
            if (row.HireDate is { } hired) csv.WriteField(hired, ""); else csv.WriteField("");
            csv.WriteField(row.Count(TrainingStatus.Completed), "");
            csv.WriteField(row.Count(TrainingStatus.Overdue), "");
            foreach (var cell in row.Cells)
            {
                csv.WriteField(statusText(cell.Status));
                if (cell.Date is { } date) csv.WriteField(date, ""); else csv.WriteField("");
            }
            await csv.EndRecordAsync(cancellationToken);
            count++;
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
                WriteRow(writer, HeaderRow(headers, modules).Select(h => TextCell(h, HeaderStyle)));
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    var cells = EmployeeTexts(row).Select(t => TextCell(t))
                        .Append(row.HireDate is { } hired ? DateCell(hired) : new Cell())
                        .Append(NumberCell(row.Count(TrainingStatus.Completed)))
                        .Append(NumberCell(row.Count(TrainingStatus.Overdue)))
                        .Concat(row.Cells.SelectMany(c => new[] { TextCell(statusText(c.Status)), c.Date is { } d ? DateCell(d) : new Cell() }));
                    WriteRow(writer, cells);
                    if (++count % FlushEvery == 0)
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

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<Cell> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells) writer.WriteElement(cell);
        writer.WriteEndElement();
    }

    private static Cell TextCell(string? text, uint style = 0) => new(new InlineString(new Text(SpreadsheetText.Neutralise(text)) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style,
    };

    private static Cell NumberCell(int value) => new(new CellValue(value));

    /// <summary>A date as a spreadsheet serial number with a date format, so that it sorts and filters as a date.</summary>
    private static Cell DateCell(DateOnly date) => new(new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)))
    {
        StyleIndex = DateStyle,
    };

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
