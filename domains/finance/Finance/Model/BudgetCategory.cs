using System.Text.Json.Serialization;

namespace Finance.Model;

/// <summary>What a budget or an expense is for; the JSON names are the contract's allowed values (its invalidValues rule's validValues).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BudgetCategory>))]
public enum BudgetCategory
{
    [JsonStringEnumMemberName("payroll")]
    Payroll,
    [JsonStringEnumMemberName("marketing")]
    Marketing,
    [JsonStringEnumMemberName("operations")]
    Operations,
}
