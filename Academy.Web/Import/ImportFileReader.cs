using System.Globalization;
using System.Text;
using Academy.Domain.People;
using CsvHelper;

namespace Academy.Web.Import;

/// <summary>An HR file read into its header and rows. <see cref="Windows1252"/> is true when the bytes were not
/// UTF-8 (a spreadsheet's "CSV" save on Windows) and were read as Windows-1252.</summary>
public sealed record ImportFileText(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows, bool Windows1252, char Delimiter);

/// <summary>A file that cannot be read as a table; <see cref="Exception.Message"/> is an English UI text (a translation key).</summary>
public sealed class ImportFileException(string message, params object[] arguments) : Exception(message)
{
    public object[] Arguments { get; } = arguments;
}

public static class ImportFileReader
{
    /// <summary>50,000 employees take about 6 MB; a file far larger is a mistake (a wrong export), refused before reading.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportFileText Read(byte[] bytes)
    {
        var text = Decode(bytes, out var windows1252);
        var firstLine = text.AsSpan(0, text.IndexOfAny(['\r', '\n']) is var end and >= 0 ? end : text.Length);
        if (firstLine.IsWhiteSpace()) throw new ImportFileException("The file is empty, or its first line is: the first line must name the columns.");
        var delimiter = DetectDelimiter(firstLine);
        var options = new CsvReaderOptions { Separator = delimiter, HasHeader = false, TrackLineNumbers = true };
        using var reader = CsvReader.FromText(text, options);
        if (!reader.Read()) throw new ImportFileException("The file is empty, or its first line is: the first line must name the columns.");
        var headers = Cells(reader).Select(h => h.Trim()).ToArray();
        if (headers.Length == 1)
            throw new ImportFileException("Only one column was found in the first line (“{0}”): separate the columns with ; or , and name them in the first line.",
                headers[0].Length > 80 ? headers[0][..80] + "…" : headers[0]);
        var rows = new List<ImportRow>();
        while (reader.Read())
        {
            var cells = Cells(reader);
            // Spreadsheets save empty lines as ";;;;": not a row anyone meant.
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            // The line, as a spreadsheet numbers its rows (empty lines count there too).
            rows.Add(new ImportRow((int)reader.LineNumber, cells));
        }
        return new ImportFileText(headers, rows, windows1252, delimiter);
    }

    private static string[] Cells(CsvReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i);
        return cells;
    }

    /// <summary>UTF-8, with or without its byte order mark; anything else is taken for Windows-1252, which is what
    /// Excel writes for "CSV" on a French or English Windows.</summary>
    public static string Decode(byte[] bytes, out bool windows1252)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try
        {
            windows1252 = false;
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException)
        {
            windows1252 = true;
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    /// <summary>The one of ; , or tab that the header line uses most, outside quotes (French Excel writes ;).</summary>
    public static char DetectDelimiter(ReadOnlySpan<char> headerLine)
    {
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == '\t') tabs++;
        }
        return semicolons >= commas && semicolons >= tabs && semicolons > 0 ? ';' : tabs > commas ? '\t' : ',';
    }
}
