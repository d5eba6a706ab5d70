using DataMesh.ContractCheck;

namespace DataMesh.Catalog.Tests;

/// <summary>The command a domain's CI runs: two contract files in, an exit code and a readable report out.</summary>
public sealed class ContractCheckCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("contract-check-").FullName;

    [Fact]
    public void A_compatible_minor_version_exits_zero_and_lists_the_change()
    {
        var (exit, output, _) = Run(ContractVersions.Base, ContractVersions.Edit("1.1.0", ("validValues: [web, shop, phone]", "validValues: [web, shop, phone, app]")));

        Assert.Equal(ContractCheckCommand.Accepted, exit);
        Assert.Contains("compatible schema[OrderPlaced].properties[channel].quality[invalidValues].validValues[app]: allowed value 'app' added", output, StringComparison.Ordinal);
        Assert.Contains("Accepted: 1.1.0 may follow 1.0.0.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breaking_change_without_a_major_version_exits_one_naming_the_path_and_why()
    {
        var (exit, output, _) = Run(ContractVersions.Base, ContractVersions.Edit("1.1.0", ("validValues: [web, shop, phone]", "validValues: [web, shop]")));

        Assert.Equal(ContractCheckCommand.Refused, exit);
        Assert.Contains("Refused: 1 problem(s); the catalog would answer 409.", output, StringComparison.Ordinal);
        Assert.Contains(
            "schema[OrderPlaced].properties[channel].quality[invalidValues].validValues[phone]: allowed value 'phone' removed: events with it are refused; a breaking change needs a new major version (2.0.0 or later), not 1.1.0",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_file_exits_two_naming_file_line_and_field()
    {
        var (exit, _, error) = Run(ContractVersions.Base, ContractVersions.Edit("1.1.0", ("classification: public", "classification: secret")));

        Assert.Equal(ContractCheckCommand.Unusable, exit);
        Assert.Matches(@"next\.odcs\.yaml:\d+:\d+: schema\[0\]\.properties\[4\]\.classification: 'secret' is not one of", error);
    }

    [Fact]
    public void Wrong_arguments_exit_two_with_the_usage()
    {
        var error = new StringWriter();

        Assert.Equal(ContractCheckCommand.Unusable, ContractCheckCommand.Run(["only-one.odcs.yaml"], new StringWriter(), error));
        Assert.StartsWith("usage: datamesh-contract-check <previous.odcs.yaml> <next.odcs.yaml>", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private (int Exit, string Output, string Error) Run(string previous, string next)
    {
        var previousPath = Path.Combine(folder, "previous.odcs.yaml");
        var nextPath = Path.Combine(folder, "next.odcs.yaml");
        File.WriteAllText(previousPath, previous);
        File.WriteAllText(nextPath, next);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = ContractCheckCommand.Run([previousPath, nextPath], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
