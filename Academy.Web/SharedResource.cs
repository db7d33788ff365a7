namespace Academy.Web;

/// <summary>Anchor of the UI text resources: <c>Resources/SharedResource.fr.resx</c> translates the English text,
/// which is its own key.</summary>
public sealed class SharedResource;
