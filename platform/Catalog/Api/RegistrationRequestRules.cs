using DataMesh.Contracts;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Api;

/// <summary>The shape and size limits of a registration, checked before any YAML is read.</summary>
public static class RegistrationRequestRules
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    /// <summary>
    /// The longest descriptor or contract file: also the bound of every text the catalog shows from one (a name, a
    /// description, a tag), and of every list read from one (its tags, ports, properties, examples), each item taking
    /// at least one of its characters (<see cref="RegisteredDefinitionBoundsSchema"/>).
    /// </summary>
    public const int MaxFileChars = 256 * 1024;
    public const int MaxDescriptors = 50;
    public const int MaxContracts = 200;

    /// <summary>The problems keyed by field path, empty when the request may be read.</summary>
    public static Dictionary<string, string[]> Check(CatalogRegistrationRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null)
        {
            errors[""] = ["a registration body is required"];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Domain) || request.Domain.Length > DataProductRecord.MaxDomainLength)
        {
            errors["domain"] = [$"is required, at most {DataProductRecord.MaxDomainLength} characters"];
        }

        CheckFiles(errors, "descriptors", request.Descriptors, DataProductCatalogueLoader.DescriptorSuffix, 1, MaxDescriptors);
        CheckFiles(errors, "contracts", request.Contracts, DataProductCatalogueLoader.ContractSuffix, 0, MaxContracts);
        var paths = (request.Descriptors ?? []).Concat(request.Contracts ?? []).Select(f => f?.Path).GroupBy(p => p).Where(g => g.Count() > 1 && g.Key is not null);
        foreach (var duplicate in paths)
        {
            errors[$"path:{duplicate.Key}"] = ["the same path is sent twice"];
        }

        return errors;
    }

    private static void CheckFiles(Dictionary<string, string[]> errors, string field, IReadOnlyList<DefinitionFile>? files, string suffix, int min, int max)
    {
        if (files is null || files.Count < min || files.Count > max)
        {
            errors[field] = [$"needs {min} to {max} files"];
            return;
        }

        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file is null)
            {
                errors[$"{field}[{i}]"] = ["is null"];
                continue;
            }

            if (string.IsNullOrWhiteSpace(file.Path) || file.Path.Length > 260 || !file.Path.EndsWith(suffix, StringComparison.Ordinal))
            {
                errors[$"{field}[{i}].path"] = [$"needs a relative path ending in {suffix}, at most 260 characters"];
            }

            if (string.IsNullOrWhiteSpace(file.Yaml) || file.Yaml.Length > MaxFileChars)
            {
                errors[$"{field}[{i}].yaml"] = [$"needs the file's YAML text, at most {MaxFileChars} characters"];
            }
        }
    }
}
