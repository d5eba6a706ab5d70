using DataMesh.Contracts;
using System.CommandLine;

namespace DataMesh.Tool.Compare;

/// <summary>Two versions of one contract, as <c>breaking</c> and <c>changelog</c> take them.</summary>
internal static class ContractPair
{
    public static Argument<string> Old() => new("old") { Description = "The previous version of the contract (*.odcs.yaml), e.g. as on the main branch." };

    public static Argument<string> New() => new("new") { Description = "The next version of the same contract (*.odcs.yaml)." };

    /// <summary>Both contracts, or null with the reason written to <paramref name="error"/>.</summary>
    public static (DataContract Old, DataContract New)? Read(string oldPath, string newPath, TextWriter error)
    {
        try
        {
            var (previous, next) = (DefinitionInput.ReadContract(oldPath), DefinitionInput.ReadContract(newPath));
            if (previous.Id != next.Id)
            {
                error.WriteLine($"{newPath}: id: '{next.Id}' is not a version of contract '{previous.Id}' ({oldPath})");
                return null;
            }

            return (previous, next);
        }
        catch (Exception e) when (e is DataProductDefinitionException or UnusableInputException)
        {
            error.WriteLine(e.Message);
            return null;
        }
    }
}
