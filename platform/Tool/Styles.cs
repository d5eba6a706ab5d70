namespace DataMesh.Tool;

/// <summary>
/// ANSI colours for a person at a terminal, and none anywhere else: output piped to a file or another program, or a
/// terminal that asks for none (<c>NO_COLOR</c>, <c>TERM=dumb</c>), gets plain text.
/// </summary>
public sealed class Styles(bool enabled)
{
    public static Styles Plain { get; } = new(false);

    public bool Enabled => enabled;

    /// <summary>Colours when standard output is a terminal that takes them.</summary>
    public static Styles ForConsole() =>
        new(!Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") != "dumb");

    public string Bold(string text) => Paint("1", text);

    public string Red(string text) => Paint("31", text);

    public string Green(string text) => Paint("32", text);

    public string Yellow(string text) => Paint("33", text);

    public string Dim(string text) => Paint("2", text);

    private string Paint(string code, string text) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
