using System.CommandLine;
using DataMesh.Contracts;
using DataMesh.Contracts.Export;

namespace DataMesh.Tool.Export;

/// <summary><c>datamesh export</c>: a contract in a format a consumer's tools read, written by the contract library's exporters.</summary>
public static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var format = new Argument<string>("format")
        {
            Description = string.Join("; ", ContractExporters.All.Select(e => $"{e.Format}: {e.Summary}")) + ".",
        };
        format.AcceptOnlyFromAmong([.. ContractExporters.All.Select(e => e.Format)]);
        var source = new Argument<string>("contract")
        {
            Description = "The contract (*.odcs.yaml); for asyncapi also a domain's DataProducts folder, whose own products' output ports (descriptors at its top level) go into one document.",
        };
        var file = new Option<string?>("--output", "-o") { Description = "The file to write; standard output when not given." };
        var command = new Command("export", "Write a contract as JSON Schema, AsyncAPI, C# or PostgreSQL DDL. Exit 0: written; 2: unusable input (a contract with problems included).")
        {
            format,
            source,
            file,
        };
        command.SetAction(parse => Run(ContractExporters.Find(parse.GetValue(format)!)!, parse.GetValue(source)!, parse.GetValue(file), output, error));
        return command;
    }

    private static int Run(IContractExporter exporter, string source, string? file, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = exporter.Export(Contracts(exporter, source, error));
        }
        catch (Exception e) when (e is DataProductDefinitionException or UnusableInputException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Unusable;
        }

        if (file is null)
        {
            output.Write(text);
            return ExitCodes.Clean;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{file}: cannot be written: {e.Message}");
            return ExitCodes.Unusable;
        }

        error.WriteLine($"Wrote {file} ({exporter.Format}).");
        return ExitCodes.Clean;
    }

    /// <summary>The contracts to export; in a folder, those with nothing for the format are skipped with a note on <paramref name="error"/>.</summary>
    private static IReadOnlyList<DataContract> Contracts(IContractExporter exporter, string source, TextWriter error)
    {
        var input = DefinitionInput.Open(source);
        if (!input.IsFolder)
        {
            var contract = DefinitionInput.ReadContract(source);
            return exporter.NothingToExport(contract) is { } reason
                ? throw new UnusableInputException($"{source}: nothing to export as {exporter.Format}: {reason}")
                : [contract];
        }

        if (!exporter.TakesSeveralContracts)
        {
            throw new UnusableInputException($"{source}: {exporter.Format} exports one contract; name a *{DataProductCatalogueLoader.ContractSuffix} file");
        }

        var catalogue = input.LoadFolder();
        var offered = input.OwnDataProducts(catalogue).SelectMany(catalogue.ContractsOffered).ToList();
        if (offered.Count == 0)
        {
            throw new UnusableInputException($"{source}: no data product descriptor at the top of this folder offers a contract through an output port");
        }

        var contracts = new List<DataContract>();
        foreach (var contract in offered)
        {
            if (exporter.NothingToExport(contract) is { } reason)
            {
                error.WriteLine($"Skipped {contract.Source.Location.File} ({contract.Id} {contract.VersionText}): {reason}.");
            }
            else
            {
                contracts.Add(contract);
            }
        }

        return contracts.Count > 0
            ? contracts
            : throw new UnusableInputException($"{source}: nothing to export as {exporter.Format}: no contract its output ports offer has anything for it");
    }
}
