using Academy.Domain.People;

namespace Academy.Tests.Domain;

public sealed class EmployeeImportTests
{
    private static readonly string[] Headers = ["Employee number", "Email", "Name", "Department", "Manager", "Hire date", "Language", "Active"];
    private static readonly ImportField?[] Columns = ImportHeaders.Map(Headers);

    private static ImportRow Row(int row, params string[] cells) => new(row, cells);

    private static ExistingEmployee Stored(string id, string number, string email, string name, string? department = null, string? managerId = null, bool active = true) =>
        new(id, new EmployeeRecord(number, email, name, department, null, null, managerId, null, null, active));

    [Theory]
    [InlineData("Employee number", ImportField.EmployeeNumber)]
    [InlineData("MATRICULE", ImportField.EmployeeNumber)]
    [InlineData("Numéro d'employé", ImportField.EmployeeNumber)]
    [InlineData("Courriel", ImportField.Email)]
    [InlineData(" e-mail ", ImportField.Email)]
    [InlineData("Responsable", ImportField.Manager)]
    [InlineData("Date d'embauche", ImportField.HireDate)]
    [InlineData("DATE_D_EMBAUCHE", ImportField.HireDate)]
    [InlineData("Département", ImportField.Department)]
    [InlineData("departement", ImportField.Department)]
    [InlineData("Intitulé du poste", ImportField.JobRole)]
    [InlineData("Établissement", ImportField.Location)]
    [InlineData("Langue", ImportField.Language)]
    [InlineData("Actif", ImportField.Active)]
    public void Match_NamesTheField_InEnglishOrFrench_IgnoringCaseAndAccents(string header, ImportField field) =>
        Assert.Equal(field, ImportHeaders.Match(header));

    [Fact]
    public void Map_LeavesUnknownAndRepeatedHeadersUnmapped_AndSaysWhichRequiredAreMissing()
    {
        var columns = ImportHeaders.Map(["Matricule", "Nom", "Cost centre", "Nom complet"]);

        Assert.Equal([ImportField.EmployeeNumber, ImportField.FullName, null, null], columns);
        Assert.Equal([ImportField.Email], ImportHeaders.MissingRequired(columns));
    }

    [Fact]
    public void Plan_CountsCreatesUpdatesDeactivationsAndUnchanged()
    {
        var stored = new[]
        {
            Stored("a", "E1", "ana@x.test", "Ana", "Sales"),
            Stored("b", "E2", "ben@x.test", "Ben", "Sales"),
            Stored("c", "E3", "cy@x.test", "Cy", "Sales"),
        };
        var plan = EmployeeImport.Plan(Columns, [
            Row(2, "E1", "ana@x.test", "Ana", "Sales", "", "", "", ""),
            Row(3, "E2", "ben@x.test", "Ben", "Billing", "E1", "", "", "yes"),
            Row(4, "E3", "cy@x.test", "Cy", "Sales", "", "", "", "non"),
            Row(5, "E4", "dee@x.test", "Dee", "Sales", "E5", "2024-03-01", "fr", ""),
            Row(6, "E5", "eve@x.test", "Eve", "Sales", "E1", "01/02/2020", "English", "1"),
        ], stored, deactivateMissing: false);

        Assert.Empty(plan.Errors);
        Assert.Equal((2, 1, 1, 1), (plan.Count(ImportAction.Create), plan.Count(ImportAction.Update), plan.Count(ImportAction.Deactivate), plan.Count(ImportAction.Unchanged)));
        var dee = plan.Changes.Single(c => c.Row == 5);
        Assert.Equal((6, new DateOnly(2024, 3, 1), "fr"), (dee.ManagerRow!.Value, dee.Record.HireDate!.Value, dee.Record.Language!));
        Assert.Equal(new DateOnly(2020, 2, 1), plan.Changes.Single(c => c.Row == 6).Record.HireDate);
        Assert.Equal("a", plan.Changes.Single(c => c.Row == 3).Record.ManagerId);
        // Eve manages Dee and is created by the same file: she is written first.
        Assert.Equal([6, 5], plan.InWriteOrder().Where(c => c.Action == ImportAction.Create).Select(c => c.Row));
    }

    [Fact]
    public void Plan_TheSameFileAgainstWhatItWrote_IsAllUnchanged()
    {
        var plan = EmployeeImport.Plan(Columns, [Row(2, "E9", "zoe@x.test", "Zoé", "Sales", "", "2020-01-01", "fr", "")], [], false);
        var written = plan.Changes.Select(c => new ExistingEmployee("id-" + c.Row, c.Record)).ToList();

        var again = EmployeeImport.Plan(Columns, [Row(2, "E9", "zoe@x.test", "Zoé", "Sales", "", "2020-01-01", "fr", "")], written, false);

        Assert.Equal(ImportAction.Unchanged, Assert.Single(again.Changes).Action);
    }

    [Fact]
    public void Plan_NamesRowAndColumn_ForEveryKindOfMistake()
    {
        var stored = new[] { Stored("a", "E1", "ana@x.test", "Ana") };
        var plan = EmployeeImport.Plan(Columns, [
            Row(2, "E2", "not-an-email", "Bad Mail", "", "", "", "", ""),
            Row(3, "E3", "c@x.test", "Bad Date", "", "", "31/31/2020", "", ""),
            Row(4, "E4", "d@x.test", "No Boss", "", "E404", "", "", ""),
            Row(5, "E5", "e@x.test", "First", "", "", "", "", ""),
            Row(6, "E5", "f@x.test", "Same Number", "", "", "", "", ""),
            Row(7, "E7", "E@X.test", "Same Email", "", "", "", "", ""),
            Row(8, "", "h@x.test", "", "", "", "", "", ""),
            Row(9, "E9", "i@x.test", "=HYPERLINK(\"http://evil\")", "", "", "", "", ""),
            Row(10, "E10", "ana@x.test", "Taken", "", "", "", "", ""),
            Row(11, "E11", "k@x.test", "Lang", "", "", "", "de", "maybe"),
        ], stored, false);

        Assert.Equal([
            (2, ImportField.Email, ImportProblem.BadEmail),
            (3, ImportField.HireDate, ImportProblem.BadDate),
            (4, ImportField.Manager, ImportProblem.UnknownManager),
            (6, ImportField.EmployeeNumber, ImportProblem.DuplicateNumber),
            (7, ImportField.Email, ImportProblem.DuplicateEmail),
            (8, ImportField.EmployeeNumber, ImportProblem.MissingValue),
            (8, ImportField.FullName, ImportProblem.MissingValue),
            (9, ImportField.FullName, ImportProblem.FormulaText),
            (10, ImportField.Email, ImportProblem.EmailTaken),
            (11, ImportField.Language, ImportProblem.BadLanguage),
            (11, ImportField.Active, ImportProblem.BadActive),
        ], plan.Errors.Select(e => (e.Row, e.Column, e.Problem)));
        Assert.Equal("5", plan.Errors.Single(e => e.Problem == ImportProblem.DuplicateNumber).Detail);
        Assert.Equal(9, plan.ErrorRows);
    }

    [Fact]
    public void Plan_RefusesAManagerCycle_InTheFile_AndThroughTheStoredChart()
    {
        var inFile = EmployeeImport.Plan(Columns, [
            Row(2, "E1", "a@x.test", "A", "", "E2", "", "", ""),
            Row(3, "E2", "b@x.test", "B", "", "E3", "", "", ""),
            Row(4, "E3", "c@x.test", "C", "", "E1", "", "", ""),
            Row(5, "E4", "d@x.test", "D", "", "E1", "", "", ""),
            Row(6, "E6", "f@x.test", "Self", "", "E6", "", "", ""),
        ], [], false);
        Assert.Equal([(2, "2 → 3 → 4 → 2"), (3, "2 → 3 → 4 → 2"), (4, "2 → 3 → 4 → 2"), (6, "6 → 6")],
            inFile.Errors.Select(e => (e.Row, e.Detail)));
        Assert.All(inFile.Errors, e => Assert.Equal((ImportField.Manager, ImportProblem.ManagerCycle), (e.Column, e.Problem)));

        // The boss (stored, not in the file) reports to Ana; the file makes the boss Ana's manager.
        var stored = new[] { Stored("boss", "B1", "boss@x.test", "Boss", managerId: "ana"), Stored("ana", "A1", "ana@x.test", "Ana") };
        var throughStored = EmployeeImport.Plan(Columns, [Row(2, "A1", "ana@x.test", "Ana", "", "boss@x.test", "", "", "")], stored, false);
        Assert.Equal(ImportProblem.ManagerCycle, Assert.Single(throughStored.Errors).Problem);
    }

    [Fact]
    public void Plan_DeactivatesOnlyNumberedEmployeesMissingFromTheFile_WhenAsked()
    {
        var stored = new[] { Stored("a", "E1", "ana@x.test", "Ana"), Stored("b", "E2", "ben@x.test", "Ben"), new ExistingEmployee("admin", new(null, "admin@x.test", "Admin", null, null, null, null, null, null, true)) };
        var rows = new[] { Row(2, "E1", "ana@x.test", "Ana", "", "", "", "", "") };

        Assert.Equal(0, EmployeeImport.Plan(Columns, rows, stored, deactivateMissing: false).Count(ImportAction.Deactivate));
        var plan = EmployeeImport.Plan(Columns, rows, stored, deactivateMissing: true);
        Assert.Equal("b", Assert.Single(plan.Changes, c => c.Action == ImportAction.Deactivate).ExistingId);
    }

    [Fact]
    public void Plan_GivesAnAccountWithoutANumberTheFilesNumber_AndLeavesColumnsTheFileLacks()
    {
        var stored = new[] { new ExistingEmployee("n", new(null, "nina@x.test", "Nina", "Support", "Agent", "Lyon", null, new DateOnly(2019, 1, 1), "fr", true)) };

        var plan = EmployeeImport.Plan(ImportHeaders.Map(["Matricule", "Courriel", "Nom"]), [Row(2, "E7", "Nina@x.test", "Nina")], stored, false);

        var change = Assert.Single(plan.Changes);
        Assert.Equal((ImportAction.Update, "n"), (change.Action, change.ExistingId));
        Assert.Equal(("E7", "Support", "Lyon", "fr"), (change.Record.EmployeeNumber, change.Record.Department, change.Record.Location, change.Record.Language));
    }
}
