using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Academy.Domain.People;

/// <summary>An employee's profile as the import compares and writes it. <see cref="ManagerId"/> is a stored
/// employee's id.</summary>
public sealed record EmployeeRecord(
    string? EmployeeNumber, string Email, string FullName, string? Department, string? JobRole, string? Location,
    string? ManagerId, DateOnly? HireDate, string? Language, bool Active);

public sealed record ExistingEmployee(string Id, EmployeeRecord Record);

/// <summary>One data row of the file: its row number as a spreadsheet shows it (the header is row 1) and its cells.</summary>
public sealed record ImportRow(int Row, IReadOnlyList<string> Cells);

public enum ImportProblem
{
    MissingValue,
    BadEmail,
    BadDate,
    BadLanguage,
    BadActive,
    TooLong,
    FormulaText,
    DuplicateNumber,
    DuplicateEmail,
    EmailTaken,
    UnknownManager,
    ManagerCycle,
}

/// <summary>A problem in one cell: <see cref="Row"/> as a spreadsheet numbers it; <see cref="Detail"/> the offending
/// value, or for a duplicate the row it repeats, or for a cycle the row numbers around it.</summary>
public sealed record ImportError(int Row, ImportField Column, ImportProblem Problem, string Detail);

public enum ImportAction { Create, Update, Deactivate, Unchanged }

/// <summary>What applying does for one row. A manager who is created by the same file is named by
/// <see cref="ManagerRow"/> (their row), since they have no id yet; otherwise <c>Record.ManagerId</c> holds the id.</summary>
public sealed record PlannedChange(int Row, ImportAction Action, string? ExistingId, EmployeeRecord Record, int? ManagerRow);

public sealed record ImportPlan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<ImportError> Errors)
{
    public int Count(ImportAction action) => Changes.Count(c => c.Action == action);

    /// <summary>Rows with at least one error; such a file cannot be applied.</summary>
    public int ErrorRows => Errors.Select(e => e.Row).Distinct().Count();

    /// <summary>Creates first, managers before their reports, then the rest: every manager exists before anyone
    /// points at them.</summary>
    public IEnumerable<PlannedChange> InWriteOrder()
    {
        var byRow = Changes.Where(c => c.Action == ImportAction.Create).ToDictionary(c => c.Row);
        int Depth(PlannedChange c)
        {
            var depth = 0;
            for (var row = c.ManagerRow; row is { } r && byRow.TryGetValue(r, out var manager) && depth <= byRow.Count; row = manager.ManagerRow) depth++;
            return depth;
        }
        return byRow.Values.OrderBy(Depth).ThenBy(c => c.Row)
            .Concat(Changes.Where(c => c.Action is ImportAction.Update or ImportAction.Deactivate));
    }
}

/// <summary>Turns an HR file into the changes it asks for, checking every row before anything is written. Rows match
/// stored employees by employee number, or by email for an account that has no number yet. A column the file does not
/// have leaves that fact as it is; a blank cell in a column it has clears it.</summary>
public static class EmployeeImport
{
    public static readonly IReadOnlyDictionary<ImportField, int> MaxLength = new Dictionary<ImportField, int>
    {
        [ImportField.EmployeeNumber] = 50, [ImportField.Email] = 256, [ImportField.FullName] = 200, [ImportField.Department] = 100,
        [ImportField.JobRole] = 100, [ImportField.Location] = 100, [ImportField.Manager] = 256,
    };

    /// <summary>Text a spreadsheet would run as a formula (OWASP's CSV injection list). Such names are refused, not
    /// rewritten: a neutralised name would be stored wrong and the HR system would keep sending it.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly ImportField[] TextFields = [ImportField.FullName, ImportField.Department, ImportField.JobRole, ImportField.Location];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd-MM-yyyy"];

    /// <param name="columns">Each column's field, or null for a column the import ignores.</param>
    /// <param name="deactivateMissing">Deactivate active employees who have an employee number the file does not list.
    /// Accounts without a number (administrators made by hand) are never the HR system's to deactivate.</param>
    public static ImportPlan Plan(IReadOnlyList<ImportField?> columns, IEnumerable<ImportRow> rows, IReadOnlyCollection<ExistingEmployee> existing, bool deactivateMissing)
    {
        var byNumber = new Dictionary<string, ExistingEmployee>(StringComparer.Ordinal);
        var byEmail = new Dictionary<string, ExistingEmployee>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in existing)
        {
            if (e.Record.EmployeeNumber is { } n) byNumber.TryAdd(n, e);
            byEmail.TryAdd(e.Record.Email, e);
        }
        var index = new Dictionary<ImportField, int>();
        for (var i = 0; i < columns.Count; i++)
            if (columns[i] is { } f) index.TryAdd(f, i);

        var errors = new List<ImportError>();
        var parsed = new List<Parsed>();
        var numbersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var emailsInFile = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            var p = ParseRow(row, index, errors);
            if (p.Number is { } number && !numbersInFile.TryAdd(number, row.Row))
                errors.Add(new(row.Row, ImportField.EmployeeNumber, ImportProblem.DuplicateNumber, numbersInFile[number].ToString(CultureInfo.InvariantCulture)));
            if (p.Email is { } email && !emailsInFile.TryAdd(email, row.Row))
                errors.Add(new(row.Row, ImportField.Email, ImportProblem.DuplicateEmail, emailsInFile[email].ToString(CultureInfo.InvariantCulture)));
            parsed.Add(p);
        }

        // Each row's stored employee, if any.
        foreach (var p in parsed)
        {
            if (p.Number is null || p.Email is null) continue;
            if (byNumber.TryGetValue(p.Number, out var match)) p.Existing = match;
            if (byEmail.TryGetValue(p.Email, out var holder) && holder != p.Existing)
            {
                if (p.Existing is null && holder.Record.EmployeeNumber is null) p.Existing = holder;
                else errors.Add(new(p.Row, ImportField.Email, ImportProblem.EmailTaken, holder.Record.EmployeeNumber ?? holder.Record.Email));
            }
        }

        // Managers: named by employee number or email, of someone in the file or already stored.
        var fileByNumber = parsed.Where(p => p.Number is not null).GroupBy(p => p.Number!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var fileByEmail = parsed.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var p in parsed.Where(p => p.ManagerText is not null))
        {
            var text = p.ManagerText!;
            if ((fileByNumber.GetValueOrDefault(text) ?? fileByEmail.GetValueOrDefault(text)) is { } inFile) p.ManagerInFile = inFile;
            else if ((byNumber.GetValueOrDefault(text) ?? byEmail.GetValueOrDefault(text)) is { } stored) p.ManagerStored = stored;
            else errors.Add(new(p.Row, ImportField.Manager, ImportProblem.UnknownManager, text));
        }
        FindCycles(parsed, existing, index.ContainsKey(ImportField.Manager), errors);

        var failed = errors.Select(e => e.Row).ToHashSet();
        var changes = new List<PlannedChange>();
        foreach (var p in parsed.Where(p => !failed.Contains(p.Row)))
        {
            var before = p.Existing?.Record;
            var managerRow = p.ManagerInFile is { Existing: null } m ? m.Row : (int?)null;
            var managerId = !index.ContainsKey(ImportField.Manager) ? before?.ManagerId
                : p.ManagerInFile is { } mf ? mf.Existing?.Id
                : p.ManagerStored?.Id;
            var record = new EmployeeRecord(
                p.Number, p.Email!, p.Name!,
                Keep(ImportField.Department, p.Department, before?.Department),
                Keep(ImportField.JobRole, p.JobRole, before?.JobRole),
                Keep(ImportField.Location, p.Location, before?.Location),
                managerId,
                index.ContainsKey(ImportField.HireDate) ? p.HireDate : before?.HireDate,
                index.ContainsKey(ImportField.Language) ? p.Language : before?.Language,
                p.Active ?? before?.Active ?? true);
            var action = before is null ? ImportAction.Create
                : before.Active && !record.Active ? ImportAction.Deactivate
                : before == record && managerRow is null ? ImportAction.Unchanged
                : ImportAction.Update;
            changes.Add(new(p.Row, action, p.Existing?.Id, record, managerRow));
        }

        if (deactivateMissing)
        {
            var listed = parsed.Where(p => p.Existing is not null).Select(p => p.Existing!.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var e in existing.Where(e => e.Record is { Active: true, EmployeeNumber: not null } && !listed.Contains(e.Id)))
                changes.Add(new(0, ImportAction.Deactivate, e.Id, e.Record with { Active = false }, null));
        }
        errors.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        return new ImportPlan(changes, errors);

        string? Keep(ImportField field, string? value, string? old) => index.ContainsKey(field) ? value : old;
    }

    /// <summary>A row's manager line, with the file's changes laid over the stored chart, must not come back to the row.
    /// Every row in such a circle gets the error, which names the rows around it.</summary>
    private static void FindCycles(List<Parsed> parsed, IReadOnlyCollection<ExistingEmployee> existing, bool fileHasManagers, List<ImportError> errors)
    {
        if (!fileHasManagers) return;
        // Nodes: stored employees by id, new rows by "#row". The file's rows override the stored manager.
        var next = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var e in existing) next[e.Id] = e.Record.ManagerId;
        var rowOfNode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in parsed)
        {
            var node = Node(p);
            rowOfNode.TryAdd(node, p.Row);
            next[node] = p.ManagerInFile is { } m ? Node(m) : p.ManagerStored?.Id;
        }
        // Walk each chain once: 1 = on the current walk, 2 = done.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in rowOfNode.Keys)
        {
            var walk = new List<string>();
            string? current = start;
            while (current is not null && !state.ContainsKey(current))
            {
                state[current] = 1;
                walk.Add(current);
                current = next.GetValueOrDefault(current);
            }
            if (current is not null && state[current] == 1)
            {
                var circle = walk[walk.IndexOf(current)..];
                var rows = circle.Where(rowOfNode.ContainsKey).Select(n => rowOfNode[n]).ToList();
                var detail = string.Join(" → ", circle.Append(current).Select(n => rowOfNode.TryGetValue(n, out var r) ? r.ToString(CultureInfo.InvariantCulture) : "?"));
                foreach (var row in rows) errors.Add(new(row, ImportField.Manager, ImportProblem.ManagerCycle, detail));
            }
            foreach (var node in walk) state[node] = 2;
        }

        static string Node(Parsed p) => p.Existing?.Id ?? "#" + p.Row.ToString(CultureInfo.InvariantCulture);
    }

    private static Parsed ParseRow(ImportRow row, Dictionary<ImportField, int> index, List<ImportError> errors)
    {
        var tooLong = false;
        string? Cell(ImportField field)
        {
            if (!index.TryGetValue(field, out var i) || i >= row.Cells.Count) return null;
            var value = row.Cells[i].Trim();
            if (value.Length == 0) return null;
            if (MaxLength.TryGetValue(field, out var max) && value.Length > max)
            {
                errors.Add(new(row.Row, field, ImportProblem.TooLong, max.ToString(CultureInfo.InvariantCulture)));
                tooLong = true;
                return null;
            }
            return value;
        }
        string? Required(ImportField field)
        {
            tooLong = false;
            var value = Cell(field);
            if (value is null && !tooLong)
                errors.Add(new(row.Row, field, ImportProblem.MissingValue, ""));
            return value;
        }
        var p = new Parsed(row.Row)
        {
            Number = Required(ImportField.EmployeeNumber),
            Email = Required(ImportField.Email),
            Name = Required(ImportField.FullName),
            Department = Cell(ImportField.Department),
            JobRole = Cell(ImportField.JobRole),
            Location = Cell(ImportField.Location),
            ManagerText = Cell(ImportField.Manager),
        };
        foreach (var field in TextFields)
        {
            var value = field switch { ImportField.FullName => p.Name, ImportField.Department => p.Department, ImportField.JobRole => p.JobRole, _ => p.Location };
            // Trim() took leading tabs and returns off, so the raw cell is checked too.
            var raw = index.TryGetValue(field, out var i) && i < row.Cells.Count ? row.Cells[i] : "";
            if (value is not null && (FormulaStarts.Contains(value[0]) || raw.Length > 0 && raw[0] is '\t' or '\r'))
                errors.Add(new(row.Row, field, ImportProblem.FormulaText, value));
        }
        if (p.Email is { } email && !IsEmail(email))
        {
            errors.Add(new(row.Row, ImportField.Email, ImportProblem.BadEmail, email));
            p.Email = null;
        }
        if (Cell(ImportField.HireDate) is { } date)
        {
            if (DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var hired)) p.HireDate = hired;
            else errors.Add(new(row.Row, ImportField.HireDate, ImportProblem.BadDate, date));
        }
        if (Cell(ImportField.Language) is { } language)
        {
            p.Language = ImportHeaders.Key(language) switch
            {
                "en" or "english" or "anglais" => "en",
                "fr" or "french" or "francais" => "fr",
                _ => null,
            };
            if (p.Language is null) errors.Add(new(row.Row, ImportField.Language, ImportProblem.BadLanguage, language));
        }
        if (Cell(ImportField.Active) is { } active)
        {
            p.Active = ImportHeaders.Key(active) switch
            {
                "true" or "yes" or "y" or "1" or "active" or "oui" or "o" or "vrai" or "actif" or "active" => true,
                "false" or "no" or "n" or "0" or "inactive" or "non" or "faux" or "inactif" or "deactivated" or "desactive" or "left" or "parti" => false,
                _ => null,
            };
            if (p.Active is null) errors.Add(new(row.Row, ImportField.Active, ImportProblem.BadActive, active));
        }
        return p;
    }

    /// <summary>One address, nothing around it: what MailKit can send to. The display name's encoding is given, since
    /// without one every call looks the default up through the registered code-page provider, under its lock: 40% of
    /// a preview's time.</summary>
    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, null, Encoding.UTF8, out var address) && address.Address == value && address.DisplayName.Length == 0
        && value.IndexOf('@') is var at and > 0 && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.');

    private sealed class Parsed(int row)
    {
        public int Row { get; } = row;
        public string? Number { get; init; }
        public string? Email { get; set; }
        public string? Name { get; init; }
        public string? Department { get; init; }
        public string? JobRole { get; init; }
        public string? Location { get; init; }
        public string? ManagerText { get; init; }
        public DateOnly? HireDate { get; set; }
        public string? Language { get; set; }
        public bool? Active { get; set; }
        public ExistingEmployee? Existing { get; set; }
        public Parsed? ManagerInFile { get; set; }
        public ExistingEmployee? ManagerStored { get; set; }
    }
}
