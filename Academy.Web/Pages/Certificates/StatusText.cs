using Academy.Domain.Certificates;

namespace Academy.Web.Pages.Certificates;

/// <summary>The English text (and resource key) of a certificate status, shared by the learner's and HR's lists.</summary>
public static class StatusText
{
    public static string Of(CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => "Valid",
        CertificateStatus.Expired => "Expired",
        CertificateStatus.Superseded => "Superseded",
        _ => "Revoked",
    };
}
