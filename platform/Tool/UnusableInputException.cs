namespace DataMesh.Tool;

/// <summary>An argument the command cannot work with at all (exit code 2), as opposed to findings in what it read.</summary>
public sealed class UnusableInputException(string message) : Exception(message);
