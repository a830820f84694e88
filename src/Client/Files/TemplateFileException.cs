namespace Grid.Client.Files;

/// <summary>A template or subjects file that cannot be read as one; the message names the file and the fault.</summary>
public sealed class TemplateFileException(string message) : Exception(message);
