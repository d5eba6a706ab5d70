namespace DataMesh.Tool.Tests;

/// <summary><c>datamesh lint</c> on the sample domains and on broken copies of them.</summary>
public sealed class LintCommandTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void The_sample_domains_are_clean_validity_first_then_governance()
    {
        var run = Tool.Run(["lint", .. Tool.DomainFolders]);

        Assert.True(run.Exit == ExitCodes.Clean, run.Output + run.Error);
        var validity = run.Output.IndexOf("Validity against the standards", StringComparison.Ordinal);
        var governance = run.Output.IndexOf("Mesh governance", StringComparison.Ordinal);
        Assert.InRange(validity, 0, governance - 1);
        Assert.Matches(@"\d+ file\(s\) checked: clean\.", run.Output);
    }

    [Fact]
    public void Colours_only_when_asked_for_a_terminal()
    {
        var (coloured, plain) = (new StringWriter(), new StringWriter());

        DataMeshCommand.Run(["lint", Tool.SampleContracts[0]], coloured, TextWriter.Null, new Styles(enabled: true));
        DataMeshCommand.Run(["lint", Tool.SampleContracts[0]], plain, TextWriter.Null, Styles.Plain);

        Assert.Contains("\u001b[32m", coloured.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', plain.ToString());
    }

    [Fact]
    public void A_broken_copy_exits_one_with_file_line_column_field_and_reason()
    {
        var hr = folder.CopyFolder(Tool.DomainFolders.Single(f => f.Contains("/hr/", StringComparison.Ordinal)), "hr");
        var contract = Path.Combine(hr, "employees.odcs.yaml");
        var text = File.ReadAllText(contract);
        File.WriteAllText(contract, ReplaceFirst(text, "classification: internal", "classification: secret"));
        var line = text[..text.IndexOf("classification: internal", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var run = Tool.Run("lint", hr);

        Assert.Equal(ExitCodes.Findings, run.Exit);
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(contract)}:{line}:\d+: schema\[0\]\.properties\[0\]\.classification: 'secret' is not one of", run.Output);
        Assert.Contains("finding(s).", run.Output, StringComparison.Ordinal);
        // A classification outside the mesh's four is valid ODCS (free text there): the finding is governance's.
        Assert.Contains("Validity against the standards (ODCS v3.x contracts, ODPS v1.0.0 descriptors): no findings", run.Output, StringComparison.Ordinal);
        Assert.True(
            run.Output.IndexOf("'secret' is not one of", StringComparison.Ordinal) > run.Output.IndexOf("Mesh governance", StringComparison.Ordinal),
            run.Output);
    }

    /// <summary>
    /// Every rule the catalog refuses a registration for is one lint reports: a property without a description, and across
    /// files a contract naming another team than its product's owner.
    /// </summary>
    [Fact]
    public void What_the_catalog_would_refuse_is_a_governance_finding_the_undescribed_property_and_the_other_team()
    {
        var hr = folder.CopyFolder(Tool.DomainFolders.Single(f => f.Contains("/hr/", StringComparison.Ordinal)), "hr");
        var contract = Path.Combine(hr, "employees.odcs.yaml");
        File.WriteAllText(contract, ReplaceFirst(File.ReadAllText(contract), "        description: The employee.\n", ""));
        var other = Path.Combine(hr, "headcount.odcs.yaml");
        File.WriteAllText(other, ReplaceFirst(File.ReadAllText(other), "team:\n  name: people-platform", "team:\n  name: payroll-team"));

        var run = Tool.Run("lint", hr);

        Assert.Equal(ExitCodes.Findings, run.Exit);
        var governance = run.Output[run.Output.IndexOf("Mesh governance", StringComparison.Ordinal)..];
        Assert.Matches(@"employees\.odcs\.yaml:\d+:\d+: schema\[0\]\.properties\[0\]\.description: property '\w+' has no description", governance);
        Assert.Matches(@"headcount\.odcs\.yaml:\d+:\d+: team: names team 'payroll-team' but data product hr\.headcount is owned by 'people-platform'", governance);
    }

    /// <summary>A project's build copies its DataProducts folder under bin/ and obj/: those copies are not the folder's own definitions.</summary>
    [Fact]
    public void A_folder_is_linted_without_the_copies_under_bin_and_obj()
    {
        var hr = folder.CopyFolder(Tool.DomainFolders.Single(f => f.Contains("/hr/", StringComparison.Ordinal)), "hr");
        var own = Directory.GetFiles(hr, "*.yaml").Length;
        foreach (var copy in new[] { "bin/Debug/net10.0/DataProducts", "obj/Debug/net10.0/DataProducts" })
        {
            var contract = folder.Write($"hr/{copy}/employees.odcs.yaml", File.ReadAllText(Path.Combine(hr, "employees.odcs.yaml")).Replace("classification: internal", "classification: secret"));
            File.Copy(Path.Combine(hr, "employees.odps.yaml"), Path.Combine(Path.GetDirectoryName(contract)!, "employees.odps.yaml"));
        }

        var run = Tool.Run("lint", hr);

        Assert.True(run.Exit == ExitCodes.Clean, run.Output + run.Error);
        Assert.Contains($"{own} file(s) checked: clean.", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A quality rule valid ODCS but not runnable (bounds out of order) is governance's finding, at its line and field.</summary>
    [Fact]
    public void A_quality_rule_the_platform_cannot_run_is_a_governance_finding()
    {
        var finance = folder.CopyFolder(Tool.DomainFolders.Single(f => f.Contains("/finance/", StringComparison.Ordinal)), "finance");
        var contract = Path.Combine(finance, "budgets-tables.odcs.yaml");
        var text = File.ReadAllText(contract);
        File.WriteAllText(contract, ReplaceFirst(text, "            mustBe: 0\n            dimension: conformity", "            mustBeBetween: [10, 1]\n            dimension: conformity"));
        var line = text[..text.IndexOf("            mustBe: 0\n            dimension: conformity", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var run = Tool.Run("lint", finance);

        Assert.Equal(ExitCodes.Findings, run.Exit);
        Assert.Contains("Validity against the standards (ODCS v3.x contracts, ODPS v1.0.0 descriptors): no findings", run.Output, StringComparison.Ordinal);
        var finding = $"{contract}:{line}:13: schema[0].properties[2].quality[0].mustBeBetween: 10 is not below 1; the smaller bound comes first";
        Assert.Contains(finding, run.Output, StringComparison.Ordinal);
        Assert.True(run.Output.IndexOf(finding, StringComparison.Ordinal) > run.Output.IndexOf("Mesh governance", StringComparison.Ordinal), run.Output);
    }

    [Fact]
    public void A_single_file_is_linted_alone()
    {
        var contract = folder.Write("orders.odcs.yaml", "apiVersion: v3.0.2\nkind: DataContract\nid: [unclosed\n");

        var run = Tool.Run("lint", contract);

        Assert.Equal(ExitCodes.Findings, run.Exit);
        Assert.Contains($"{contract}:", run.Output, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Github_format_prints_one_error_annotation_per_finding()
    {
        var contract = folder.Write("orders.odcs.yaml", File.ReadAllText(Tool.SampleContracts[0]).Replace("classification: internal", "classification: secret"));

        var run = Tool.Run("lint", "--format", "github", contract);

        Assert.Equal(ExitCodes.Findings, run.Exit);
        var annotations = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(annotations);
        Assert.All(annotations, a => Assert.Matches(@"^::error file=[^,]+,line=\d+,col=\d+,title=datamesh lint \(governance\)::.+: 'secret' is not one of", a));
        Assert.DoesNotContain("Validity against", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_or_a_file_that_is_no_definition_is_unusable_input()
    {
        var other = folder.Write("notes.yaml", "a: 1\n");

        var missing = Tool.Run("lint", folder.File("nowhere"));
        var notDefinition = Tool.Run("lint", other);
        var noArguments = Tool.Run("lint");
        var empty = Tool.Run("lint", folder.Write("empty/readme.txt", "nothing") is var _ ? folder.File("empty") : "");

        Assert.Equal(ExitCodes.Unusable, missing.Exit);
        Assert.Contains("no such file or folder", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unusable, notDefinition.Exit);
        Assert.Contains("not a data product descriptor", notDefinition.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unusable, noArguments.Exit);
        Assert.Contains("datamesh lint --help", noArguments.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unusable, empty.Exit);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("breaking")]
    [InlineData("changelog")]
    [InlineData("export")]
    [InlineData("test")]
    public void Every_command_has_help(string command)
    {
        var run = Tool.Run(command, "--help");

        Assert.Equal(ExitCodes.Clean, run.Exit);
        Assert.Contains($"datamesh {command}", run.Output, StringComparison.Ordinal);
        Assert.Contains("Exit 0", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();

    internal static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{what}' is not in the text");
        return text[..at] + with + text[(at + what.Length)..];
    }
}
