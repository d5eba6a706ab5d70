using System.Text.Json.Serialization;

namespace Hr.Model;

/// <summary>Why an employment ended; the JSON names are the contract's allowed values (its invalidValues rule's validValues).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerminationReason>))]
public enum TerminationReason
{
    [JsonStringEnumMemberName("resignation")]
    Resignation,
    [JsonStringEnumMemberName("dismissal")]
    Dismissal,
    [JsonStringEnumMemberName("retirement")]
    Retirement,
    [JsonStringEnumMemberName("endOfContract")]
    EndOfContract,
}
