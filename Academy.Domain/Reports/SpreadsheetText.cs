namespace Academy.Domain.Reports;

/// <summary>Text bound for a spreadsheet cell, made inert: a cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// a tab or a carriage return is read as a formula by Excel and LibreOffice (OWASP "CSV injection"), so such a value
/// gets a leading apostrophe, which shows the text as typed and is never evaluated.</summary>
public static class SpreadsheetText
{
    public static string Neutralise(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
