namespace Academy.Tests.Pages;

/// <summary>Classes that start a host share one collection, so they never run at once: the site sets
/// process-wide state (Hangfire's statics, once it is there) that two hosts would fight over.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<AcademyFactory>
{
    public const string Name = "host";
}
