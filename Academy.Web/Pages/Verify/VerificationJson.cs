using System.Security.Cryptography;
using System.Text;
using Academy.Domain.Certificates;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Pages.Verify;

/// <summary>GET /verify/{code}.json: the verification page's facts as an Open Badges 2.0 hosted assertion, so that badge
/// tools can check a certificate. A revoked one answers 410 Gone with <c>{"revoked": true, "revocationReason": …}</c>, as
/// the specification asks of hosted assertions.</summary>
public static class VerificationJson
{
    private const string Context = "https://w3id.org/openbadges/v2";

    public static void MapVerificationJson(this IEndpointRouteBuilder app) =>
        app.MapGet("/verify/{code}.json", AnswerAsync).AllowAnonymous().RequireRateLimiting(IndexModel.RateLimitPolicy);

    private static async Task<IResult> AnswerAsync(string code, AcademyDbContext db, TimeProvider clock, IOptions<AcademyOptions> options, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.PublicUrl.TrimEnd('/');
        if (CertificateCode.Normalize(code) is not { } normalized)
            return Results.Json(new { error = "This is not a certificate code." }, statusCode: StatusCodes.Status404NotFound);
        if (await VerifiedCertificate.FindAsync(db, normalized, clock.GetUtcNow(), cancellationToken) is not { } certificate)
            return Results.Json(new { error = "No certificate has this code." }, statusCode: StatusCodes.Status404NotFound);

        var email = (await db.Users.Where(u => u.Id == certificate.HolderId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(cancellationToken) ?? "").ToLowerInvariant();
        var id = $"{baseUrl}/verify/{CertificateCode.Format(normalized)}.json";
        if (certificate.Status == CertificateStatus.Revoked)
            return Results.Json(new Dictionary<string, object?>
            {
                ["@context"] = Context, ["id"] = id, ["type"] = "Assertion", ["revoked"] = true, ["revocationReason"] = certificate.RevocationReason,
            }, statusCode: StatusCodes.Status410Gone);

        var assertion = new Dictionary<string, object?>
        {
            ["@context"] = Context,
            ["type"] = "Assertion",
            ["id"] = id,
            // Open Badges names the recipient by a salted hash of their email: whoever already knows the address can confirm
            // it, nobody can read it. The name comes from the recipient profile extension, as printed on the certificate.
            ["recipient"] = new Dictionary<string, object?>
            {
                ["type"] = "email",
                ["hashed"] = true,
                ["salt"] = normalized,
                ["identity"] = "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{email}{normalized}"))),
            },
            ["extensions:recipientProfile"] = new Dictionary<string, object?>
            {
                ["@context"] = "https://openbadgespec.org/extensions/recipientProfile/context.json",
                ["type"] = new[] { "Extension", "extensions:RecipientProfile" },
                ["name"] = certificate.HolderName,
            },
            ["badge"] = new Dictionary<string, object?>
            {
                ["type"] = "BadgeClass",
                ["id"] = Jobs.CertificateSubject.ModuleOf(certificate.ProgramId) is { } moduleId ? $"{baseUrl}/modules/{moduleId}" : $"{baseUrl}/programs/{certificate.ProgramId}",
                ["name"] = certificate.ProgramTitle,
                ["description"] = certificate.Standards.Count > 0 ? string.Join("; ", certificate.Standards) : certificate.ProgramTitle,
                ["criteria"] = new Dictionary<string, object?>
                {
                    ["narrative"] = Jobs.CertificateSubject.ModuleOf(certificate.ProgramId) is null
                        ? $"Completed every module of the program \"{certificate.ProgramTitle}\"."
                        : $"Completed the module \"{certificate.ProgramTitle}\".",
                },
                ["issuer"] = new Dictionary<string, object?>
                {
                    ["type"] = "Profile", ["id"] = baseUrl, ["name"] = options.Value.OrganisationName, ["url"] = baseUrl,
                },
            },
            ["verification"] = new Dictionary<string, object?> { ["type"] = "hosted" },
            ["issuedOn"] = certificate.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["expires"] = certificate.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["revoked"] = false,
            ["evidence"] = $"{baseUrl}/verify/{CertificateCode.Format(normalized)}",
            // Not Open Badges terms (ignored by its tools), but what a person reading the JSON needs to know.
            ["status"] = certificate.Status.ToString().ToLowerInvariant(),
            ["supersededBy"] = certificate.SupersededByCode is { } newer ? $"{baseUrl}/verify/{CertificateCode.Format(newer)}.json" : null,
        };
        return Results.Json(assertion, contentType: "application/ld+json");
    }
}
