using System.ComponentModel.DataAnnotations;
using System.Net;

namespace DataMesh.Gateway.Edge;

/// <summary>Every entry is an IP address: a mistyped proxy stops the start rather than trusting nobody silently.</summary>
internal sealed class AllAddressesAttribute() : ValidationAttribute("{0} holds an entry that is not an IP address.")
{
    public override bool IsValid(object? value) => value is not string[] entries || entries.All(e => IPAddress.TryParse(e, out _));
}

/// <summary>Every entry is a network in CIDR notation.</summary>
internal sealed class AllNetworksAttribute() : ValidationAttribute("{0} holds an entry that is not a network written address/prefix.")
{
    public override bool IsValid(object? value) => value is not string[] entries || entries.All(e => IPNetwork.TryParse(e, out _));
}
