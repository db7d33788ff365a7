namespace Academy.Domain.Content;

/// <summary>What saving a draft meets in the store, compared with what the editor's page was loaded from.</summary>
public enum DraftSaveVerdict
{
    /// <summary>There was no draft and there is none: the save starts one.</summary>
    Start,

    /// <summary>The draft is still the revision the page was loaded from: the save replaces it.</summary>
    Replace,

    /// <summary>The draft the page was loaded from was published or discarded since.</summary>
    Gone,

    /// <summary>Another person saved the draft after the page was loaded.</summary>
    SavedByAnother,

    /// <summary>The same person saved the draft after the page was loaded, from another window or tab.</summary>
    SavedElsewhereBySelf,
}

/// <summary>The stale-save rule of the browser editor: a save made on an older copy of a draft than the stored one is
/// refused, so that no trainer overwrites another's text, or their own from another window, without seeing it.</summary>
public static class DraftSave
{
    /// <param name="storedRevision">The stored draft's revision; <c>null</c> when there is no draft.</param>
    /// <param name="storedBy">Who saved the stored draft last; ignored when there is none.</param>
    /// <param name="loadedRevision">The revision the page's text was loaded from (and that the page's own saves
    /// moved on); 0 when it was loaded from the published version.</param>
    /// <param name="user">Who saves now, named as <paramref name="storedBy"/> is.</param>
    public static DraftSaveVerdict Judge(int? storedRevision, string? storedBy, int loadedRevision, string user) =>
        (storedRevision, loadedRevision) switch
        {
            (null, 0) => DraftSaveVerdict.Start,
            (null, _) => DraftSaveVerdict.Gone,
            var (stored, loaded) when stored == loaded => DraftSaveVerdict.Replace,
            _ => string.Equals(storedBy, user, StringComparison.OrdinalIgnoreCase) ? DraftSaveVerdict.SavedElsewhereBySelf : DraftSaveVerdict.SavedByAnother,
        };

    /// <summary>Whether the save may go ahead.</summary>
    public static bool MayGoAhead(this DraftSaveVerdict verdict) => verdict is DraftSaveVerdict.Start or DraftSaveVerdict.Replace;
}
