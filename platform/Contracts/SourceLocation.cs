namespace DataMesh.Contracts;

/// <summary>A place in a definition file, 1-based, printed as <c>file:line:column</c> so editors can jump to it.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
