using Academy.Domain.People;
using Academy.Web.Data;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Import;

/// <summary>The import's words for people: column names, statuses and what is wrong with a cell, as translation keys.</summary>
public static class ImportText
{
    public static string Field(ImportField field) => field switch
    {
        ImportField.EmployeeNumber => "Employee number",
        ImportField.Email => "Email",
        ImportField.FullName => "Name",
        ImportField.Department => "Department",
        ImportField.JobRole => "Job role",
        ImportField.Location => "Location",
        ImportField.Manager => "Manager",
        ImportField.HireDate => "Hire date",
        ImportField.Language => "Language",
        _ => "Active",
    };

    /// <param name="stopped">Marked running by a process that stopped.</param>
    public static string Status(ImportStatus status, bool stopped = false) => status switch
    {
        ImportStatus.Running when stopped => "Stopped",
        ImportStatus.Uploaded => "Previewed, not applied",
        ImportStatus.Queued => "Waiting to start",
        ImportStatus.Running => "Applying",
        ImportStatus.Applied => "Applied",
        _ => "Failed",
    };

    public static LocalizedString Problem(ImportError error, IStringLocalizer t) => error.Problem switch
    {
        ImportProblem.MissingValue => t["Missing: this column is required."],
        ImportProblem.BadEmail => t["“{0}” is not an email address.", error.Detail],
        ImportProblem.BadDate => t["“{0}” is not a date: write 2024-03-01 or 01/03/2024.", error.Detail],
        ImportProblem.BadLanguage => t["“{0}” is not a language Academy offers: write en or fr.", error.Detail],
        ImportProblem.BadActive => t["“{0}” is neither yes nor no: write yes, no, oui or non.", error.Detail],
        ImportProblem.TooLong => t["Too long: at most {0} characters.", error.Detail],
        ImportProblem.FormulaText => t["“{0}” starts like a spreadsheet formula (=, +, - or @) and is refused: correct it in the HR system.", error.Detail],
        ImportProblem.DuplicateNumber => t["This employee number is already on row {0}.", error.Detail],
        ImportProblem.DuplicateEmail => t["This email is already on row {0}.", error.Detail],
        ImportProblem.EmailTaken => t["This email belongs to another employee ({0}).", error.Detail],
        ImportProblem.UnknownManager => t["No employee has the number or email “{0}”, in the file or in Academy.", error.Detail],
        _ => t["The managers go round in a circle (rows {0}): someone in it must report to a manager outside it.", error.Detail],
    };
}
