namespace DaprSidecarStandIn;

/// <summary>How the app settled one delivery, in daprd's terms.</summary>
public enum DeliveryOutcome
{
    /// <summary>2xx with an empty body, a non-JSON body, or status SUCCESS: acknowledged.</summary>
    Success,

    /// <summary>Status RETRY, a non-2xx other than 404, an unknown status, a timeout or no connection: a failed attempt.</summary>
    Retry,

    /// <summary>Status DROP: daprd gives up on the event; it goes to the dead-letter topic when there is one.</summary>
    Drop,

    /// <summary>
    /// 404: the route does not exist. For one event daprd takes it as a DROP (dead-lettered when the subscription has a
    /// dead-letter topic); for a bulk it acknowledges every entry, dead-lettering none.
    /// </summary>
    RouteNotFound,
}
