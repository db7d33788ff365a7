namespace Academy.Web.Infrastructure;

/// <summary>This running copy of the site among the nodes that share one database: the machine, the process and a
/// random part, since two hosts may share a process (the tests) and a machine may run two nodes.</summary>
public sealed record NodeIdentity(string Name)
{
    public static NodeIdentity New() => new($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
}
