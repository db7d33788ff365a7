using System.Globalization;
using System.Text;

namespace Academy.Domain.People;

/// <summary>The employee facts an HR file can carry, one column each.</summary>
public enum ImportField
{
    EmployeeNumber,
    Email,
    FullName,
    Department,
    JobRole,
    Location,
    Manager,
    HireDate,
    Language,
    Active,
}

/// <summary>Maps an HR file's header row to <see cref="ImportField"/>s by name, in English or French, ignoring case,
/// accents, spaces and punctuation ("Date d'embauche", "DATE EMBAUCHE" and "date_d_embauche" are one name).</summary>
public static class ImportHeaders
{
    /// <summary>Without these a row cannot be matched to an account or create one.</summary>
    public static readonly IReadOnlyList<ImportField> Required = [ImportField.EmployeeNumber, ImportField.Email, ImportField.FullName];

    private static readonly Dictionary<string, ImportField> Names = Build(new()
    {
        [ImportField.EmployeeNumber] = ["Employee number", "Employee no", "Employee ID", "Employee #", "Staff number", "Matricule", "Numéro d'employé", "Numéro employé", "N° matricule", "Numéro de matricule"],
        [ImportField.Email] = ["Email", "E-mail", "Mail", "Email address", "Work email", "Courriel", "Adresse e-mail", "Adresse électronique", "Adresse courriel", "Mél"],
        [ImportField.FullName] = ["Name", "Full name", "Employee name", "Nom", "Nom complet", "Prénom nom", "Nom et prénom", "Nom de l'employé"],
        [ImportField.Department] = ["Department", "Dept", "Service", "Département", "Direction"],
        [ImportField.JobRole] = ["Job role", "Role", "Job title", "Job", "Position", "Poste", "Fonction", "Emploi", "Intitulé du poste", "Métier"],
        [ImportField.Location] = ["Location", "Site", "Office", "Work location", "Lieu", "Lieu de travail", "Établissement", "Localisation"],
        [ImportField.Manager] = ["Manager", "Manager number", "Manager employee number", "Manager email", "Line manager", "Supervisor", "Responsable", "Manager du salarié",
            "Matricule du responsable", "Courriel du responsable", "Responsable hiérarchique", "Supérieur hiérarchique"],
        [ImportField.HireDate] = ["Hire date", "Date hired", "Start date", "Hiring date", "Date d'embauche", "Date embauche", "Date d'entrée", "Date d'arrivée"],
        [ImportField.Language] = ["Language", "Preferred language", "Langue", "Langue préférée"],
        [ImportField.Active] = ["Active", "Status", "Employment status", "Actif", "Statut", "Actif / inactif"],
    });

    /// <summary>The field a header names, or null when it names none (the mapping screen then asks).</summary>
    public static ImportField? Match(string header) => Names.TryGetValue(Key(header), out var field) ? field : null;

    /// <summary>Each column's field, by header name; a field named twice keeps its first column, the later ones map to
    /// nothing (so one column never overwrites another silently).</summary>
    public static ImportField?[] Map(IReadOnlyList<string> headers)
    {
        var taken = new HashSet<ImportField>();
        return headers.Select(h => Match(h) is { } field && taken.Add(field) ? field : (ImportField?)null).ToArray();
    }

    /// <summary>The required fields no column maps to.</summary>
    public static IReadOnlyList<ImportField> MissingRequired(IReadOnlyList<ImportField?> columns) =>
        Required.Where(f => !columns.Contains(f)).ToList();

    /// <summary>Lower case, without accents, keeping letters and digits only.</summary>
    public static string Key(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (c == '#') builder.Append('#');
        }
        return builder.ToString();
    }

    private static Dictionary<string, ImportField> Build(Dictionary<ImportField, string[]> names)
    {
        var map = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var (field, list) in names)
            foreach (var name in list) map.TryAdd(Key(name), field);
        return map;
    }
}
