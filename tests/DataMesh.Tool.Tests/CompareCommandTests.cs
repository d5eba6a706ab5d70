namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh breaking</c> (the catalog's compatibility gate, as the former <c>datamesh-contract-check</c> answered)
/// and <c>datamesh changelog</c>, on the sample employee contract and edited copies of it.
/// </summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly string original = File.ReadAllText(Tool.InRepository("domains/hr/Hr/DataProducts/employees.odcs.yaml"));

    [Fact]
    public void A_compatible_minor_version_exits_zero_and_lists_the_change()
    {
        var run = Compare("breaking", Edit("1.1.0", MakeOptional("hiredOn")));

        Assert.Equal(ExitCodes.Clean, run.Exit);
        Assert.Contains("compatible schema[EmployeeHired].properties[hiredOn].required: made optional", run.Output, StringComparison.Ordinal);
        Assert.Contains("Accepted: 1.1.0 may follow 1.0.0.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breaking_change_without_a_major_version_exits_one_naming_the_path_and_why()
    {
        var run = Compare("breaking", Edit("1.1.0", RemoveProperty("lastDay")));

        Assert.Equal(ExitCodes.Findings, run.Exit);
        Assert.Contains("Refused: 1 problem(s); the catalog would answer 409.", run.Output, StringComparison.Ordinal);
        Assert.Contains(
            "schema[EmployeeTerminated].properties[lastDay]: property removed: events that carry it no longer fit, and consumers reading it lose it; a breaking change needs a new major version (2.0.0 or later), not 1.1.0",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_breaking_change_in_a_new_major_version_is_accepted()
    {
        var run = Compare("breaking", Edit("2.0.0", RemoveProperty("lastDay")));

        Assert.Equal(ExitCodes.Clean, run.Exit);
        Assert.Contains("Accepted: 2.0.0 may follow 1.0.0.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_file_exits_two_naming_file_line_and_field()
    {
        var run = Compare("breaking", Edit("1.1.0", t => LintCommandTests.ReplaceFirst(t, "classification: internal", "classification: secret")));

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Matches(@"next\.odcs\.yaml:\d+:\d+: schema\[0\]\.properties\[0\]\.classification: 'secret' is not one of", run.Error);
    }

    [Theory]
    [InlineData("breaking")]
    [InlineData("changelog")]
    public void Wrong_arguments_exit_two_with_the_way_to_help(string command)
    {
        var run = Tool.Run(command, "only-one.odcs.yaml");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains($"datamesh {command} --help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_different_contracts_are_unusable_input()
    {
        var run = Compare("breaking", original.Replace("id: hr.employees.events", "id: hr.other.events"));

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains("is not a version of contract 'hr.employees.events'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_changelog_groups_added_removed_and_changed_elements()
    {
        var next = Edit(
            "2.0.0",
            t => t
                .Replace("        classification: confidential\n      - name: lastDay", "        classification: restricted\n      - name: lastDay")
                .Replace("    value: 7\n    unit: y", "    value: 10\n    unit: y"),
            RemoveProperty("lastDay"),
            MakeOptional("hiredOn"),
            AddProperty("EmployeeTerminated", "note"));

        var run = Compare("changelog", next);

        Assert.Equal(ExitCodes.Clean, run.Exit);
        var (added, removed, changed) = (Section(run.Output, "Added"), Section(run.Output, "Removed"), Section(run.Output, "Changed"));
        Assert.Contains("schema[EmployeeTerminated].properties[note]: optional property added [compatible]", added, StringComparison.Ordinal);
        Assert.Contains("schema[EmployeeTerminated].properties[lastDay]: property removed", removed, StringComparison.Ordinal);
        Assert.Contains("schema[EmployeeHired].properties[hiredOn].required: made optional [compatible]", changed, StringComparison.Ordinal);
        Assert.Contains("schema[EmployeeTerminated].properties[reason].classification: classification tightened from confidential to restricted", changed, StringComparison.Ordinal);
        Assert.Contains("slaProperties[retention]: promise changed from 7 y to 10 y", changed, StringComparison.Ordinal);
        Assert.Contains("the strongest is breaking", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_changelog_of_the_same_version_says_there_are_no_changes()
    {
        var run = Compare("changelog", original);

        Assert.Equal(ExitCodes.Clean, run.Exit);
        Assert.Contains("No changes.", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    private ToolRun Compare(string command, string next) =>
        Tool.Run(command, folder.Write("previous.odcs.yaml", original), folder.Write("next.odcs.yaml", next));

    private string Edit(string version, params Func<string, string>[] edits) =>
        edits.Aggregate(LintCommandTests.ReplaceFirst(original, "version: 1.0.0", $"version: {version}"), (text, edit) => edit(text));

    /// <summary>Removes the property's block: from its <c>- name:</c> line to the next property, the object's custom properties (its examples) or the next object.</summary>
    private static Func<string, string> RemoveProperty(string name) => text =>
    {
        var start = text.IndexOf($"      - name: {name}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, name);
        var end = new[] { text.IndexOf("      - name: ", start + 1, StringComparison.Ordinal), text.IndexOf("    customProperties:", start, StringComparison.Ordinal), text.IndexOf("\n  - name: ", start, StringComparison.Ordinal) + 1 }.Where(i => i > 0).Min();
        var withoutExamples = text[..start] + text[end..];
        return System.Text.RegularExpressions.Regex.Replace(withoutExamples, $@"\n\s+{name}: [^\n]*", "");
    };

    private static Func<string, string> MakeOptional(string name) => text =>
    {
        var start = text.IndexOf($"      - name: {name}\n", StringComparison.Ordinal);
        return text[..start] + LintCommandTests.ReplaceFirst(text[start..], "required: true", "required: false");
    };

    private static Func<string, string> AddProperty(string schemaObject, string name) => text =>
    {
        var start = text.IndexOf($"  - name: {schemaObject}\n", StringComparison.Ordinal);
        var properties = text.IndexOf("    properties:\n", start, StringComparison.Ordinal) + "    properties:\n".Length;
        return text[..properties] + $"      - name: {name}\n        logicalType: string\n        description: A note.\n        classification: internal\n" + text[properties..];
    };

    private static string Section(string output, string heading)
    {
        var start = output.IndexOf($"\n{heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading} in:\n{output}");
        var end = output.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return end < 0 ? output[start..] : output[start..end];
    }
}
