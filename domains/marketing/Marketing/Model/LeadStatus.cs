namespace Marketing.Model;

public enum LeadStatus
{
    New,
    Converted,
}
