namespace Academy.Domain.Quizzes;

public sealed record QuizDocument(string Id, string ModuleId, string Language, string Title);
