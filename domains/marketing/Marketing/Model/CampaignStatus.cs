namespace Marketing.Model;

public enum CampaignStatus
{
    Planned,
    Launched,
    Completed,
}
