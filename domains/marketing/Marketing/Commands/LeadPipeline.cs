using DataMesh.DataProducts.Publishing;
using DataMesh.DomainServices.Problems;
using Marketing.DataProducts;
using Marketing.Model;
using Marketing.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Commands;

/// <summary>Marketing's lead commands: each changes a lead and publishes it on <c>marketing.leads</c> with the outbox.</summary>
public sealed class LeadPipeline(MarketingDbContext db, DataProductPublisher publisher)
{
    private OutputPortPublisher LeadEventsPort => publisher.OutputPort(LeadEvents.DataProductId, LeadEvents.Port);

    public async Task<Lead> CaptureAsync(Guid id, string name, string email, Guid campaignId, DateOnly capturedOn, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            throw new DomainRuleViolation("campaignId", $"No campaign {campaignId}.");
        }

        if (await db.Leads.AnyAsync(l => l.Email == email, cancellationToken))
        {
            // The address is personal data: the problem names the field, never the value.
            throw new DomainRuleViolation("email", "A lead with this e-mail exists already.", StatusCodes.Status409Conflict);
        }

        var lead = new Lead { Id = id, Name = name, Email = email, CampaignId = campaignId, CapturedOn = capturedOn, Status = LeadStatus.New };
        db.Leads.Add(lead);
        LeadEventsPort.Publish(db, nameof(LeadCaptured), id.ToString(), new LeadCaptured(id, name, email, campaignId, capturedOn));
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }

    public async Task<Lead> ConvertAsync(Lead lead, DateOnly convertedOn, CancellationToken cancellationToken)
    {
        if (lead.Status == LeadStatus.Converted)
        {
            throw new DomainRuleViolation("leadId", $"Lead {lead.Id} converted already, on {lead.ConvertedOn:yyyy-MM-dd}.", StatusCodes.Status409Conflict);
        }

        if (convertedOn < lead.CapturedOn)
        {
            throw new DomainRuleViolation("convertedOn", $"The lead was captured on {lead.CapturedOn:yyyy-MM-dd}; it cannot convert before.");
        }

        lead.Status = LeadStatus.Converted;
        lead.ConvertedOn = convertedOn;
        LeadEventsPort.Publish(db, nameof(LeadConverted), lead.Id.ToString(), new LeadConverted(lead.Id, lead.CampaignId, convertedOn));
        await db.SaveChangesAsync(cancellationToken);
        return lead;
    }
}
