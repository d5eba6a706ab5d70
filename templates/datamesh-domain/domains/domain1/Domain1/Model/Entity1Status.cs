namespace Domain1.Model;

public enum Entity1Status
{
    Open,
    Closed,
}
