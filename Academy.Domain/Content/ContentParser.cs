namespace Academy.Domain.Content;

public enum ContentKind { Standards, Module, Quiz, Program }

/// <summary>The outcome of parsing one file: its document when it has no error.</summary>
/// <param name="DocumentId">Module id, program id, <c>moduleId/quizId</c> for a quiz, <c>standards</c> for the catalogue.</param>
/// <param name="Document">A <see cref="StandardsDocument"/>, <see cref="ModuleDocument"/>, <see cref="ProgramDocument"/> or
/// <see cref="Quizzes.QuizDocument"/>; <c>null</c> when <see cref="Errors"/> is not empty.</param>
public sealed record ParsedFile(string Path, ContentKind Kind, string DocumentId, string Language, object? Document, IReadOnlyList<ContentError> Errors)
{
    public bool Ok => Errors.Count == 0;
}
