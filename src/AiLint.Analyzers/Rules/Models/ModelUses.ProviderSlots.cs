using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>The id at a single provider's own slot is checked against that provider's rows only (<see cref="SlotProviders"/>).</summary>
    internal sealed partial class ModelUses
    {
        // Checkers for the slots of a single provider's SDK, by provider, made on first need: most members have none.
        private Dictionary<string, ModelUses>? providerChecks;

        // What the slots of this member reported, by rule and location, shared with its provider checkers (below).
        private HashSet<(string Id, Location Location)>? reportedAtSlots;
        private Action<Diagnostic>? reportAtSlot;

        /// <summary>
        /// <see cref="CheckModelId"/> at a slot of <paramref name="slotMember"/>. At a single provider's own slot
        /// (<c>anthropic.AsIChatClient(settings.Model)</c>) a checker over that provider's rows reads the value, so an
        /// OpenAI id there is not reported. It keeps its own record of the locals and parameter defaults it followed: one it
        /// skipped is still checked in full where an OpenAI or provider-neutral slot reads it. A Claude id both read is
        /// reported once (the shared record of what was reported drops the second).
        /// </summary>
        private ModelRow? CheckModelIdAt(ISymbol slotMember, IOperation value, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            // Every slot of a member reports through the member's one report action (ModelUses.Analyze).
            reportAtSlot ??= diagnostic =>
            {
                if ((reportedAtSlots ??= new HashSet<(string, Location)>()).Add((diagnostic.Id, diagnostic.Location)))
                {
                    report(diagnostic);
                }
            };

            if (SlotProviders.Of(slotMember) is not { } provider)
            {
                return CheckModelId(value, reportAtSlot, cancellationToken);
            }

            providerChecks ??= new Dictionary<string, ModelUses>(StringComparer.Ordinal);
            if (!providerChecks.TryGetValue(provider, out var providerCheck))
            {
                providerChecks.Add(provider, providerCheck = new ModelUses(table.OfProvider(provider), symbols, isConfigured, linkedValues));
            }

            providerCheck.slot = slot;
            return providerCheck.CheckModelId(value, reportAtSlot, cancellationToken);
        }
    }
}
