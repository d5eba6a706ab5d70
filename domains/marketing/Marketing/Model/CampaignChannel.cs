using System.Text.Json.Serialization;

namespace Marketing.Model;

/// <summary>Where a campaign runs; the JSON names are the contract's allowed values (its invalidValues rule's validValues).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CampaignChannel>))]
public enum CampaignChannel
{
    [JsonStringEnumMemberName("email")]
    Email,
    [JsonStringEnumMemberName("social")]
    Social,
    [JsonStringEnumMemberName("search")]
    Search,
    [JsonStringEnumMemberName("events")]
    Events,
    [JsonStringEnumMemberName("display")]
    Display,
}
