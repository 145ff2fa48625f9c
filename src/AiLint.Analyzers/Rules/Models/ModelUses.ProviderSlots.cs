using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The id at a single provider's own slot is checked against that provider's rows only (<see cref="SlotProviders"/>),
    /// and a raw HTTP body's against the rows that count at its endpoint (<see cref="RawHttpModelIds"/>): the same reading
    /// of the value (<see cref="CheckModelId"/>) over a view of the table.
    /// </summary>
    internal sealed partial class ModelUses
    {
        // Checkers over a view of the table (one provider's rows, or all but OpenAI's), by view, made on first need: most
        // members have none.
        private Dictionary<ModelTable, ModelUses>? viewChecks;

        // What the slots of this member reported, by rule, location and message (each id a helper returns to one call is
        // its own diagnostic there), shared with its view checkers (below).
        private HashSet<(string Id, Location Location, string Message)>? reportedAtSlots;
        private Action<Diagnostic>? reportAtSlot;

        // The raw-HTTP check's callback into this member's reading of a value, made once per member.
        private Action<IOperation, ModelTable>? checkRawValue;

        /// <summary>
        /// <see cref="CheckModelId"/> at a slot of <paramref name="slotMember"/>. At a single provider's own slot
        /// (<c>anthropic.AsIChatClient(settings.Model)</c>) a checker over that provider's rows reads the value, so an
        /// OpenAI id there is not reported.
        /// </summary>
        private ModelRow? CheckModelIdAt(ISymbol slotMember, IOperation value, Action<Diagnostic> report, CancellationToken cancellationToken) =>
            CheckModelIdIn(SlotProviders.Of(slotMember) is { } provider ? table.OfProvider(provider) : table, value, ReportAtSlot(report), cancellationToken);

        /// <summary>
        /// <see cref="CheckModelId"/> over <paramref name="view"/>. A view other than the member's table gets a checker of
        /// its own, with its own record of the locals, fields and parameter defaults it followed: one it skipped (an OpenAI
        /// id outside the view) is still checked in full where an OpenAI or provider-neutral slot reads it. An id both
        /// read is reported once (the shared record of what was reported drops the second).
        /// </summary>
        private ModelRow? CheckModelIdIn(ModelTable view, IOperation value, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (ReferenceEquals(view, table))
            {
                return CheckModelId(value, report, cancellationToken);
            }

            viewChecks ??= new Dictionary<ModelTable, ModelUses>();
            if (!viewChecks.TryGetValue(view, out var viewCheck))
            {
                viewChecks.Add(view, viewCheck = new ModelUses(view, symbols, isConfigured, linkedValues));
            }

            viewCheck.slot = slot;
            return viewCheck.CheckModelId(value, report, cancellationToken);
        }

        /// <summary>Every slot of a member reports through the member's one report action (<see cref="Analyze"/>), once per rule, location and id.</summary>
        private Action<Diagnostic> ReportAtSlot(Action<Diagnostic> report) =>
            reportAtSlot ??= diagnostic =>
            {
                if ((reportedAtSlots ??= new HashSet<(string, Location, string)>()).Add((diagnostic.Id, diagnostic.Location, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture))))
                {
                    report(diagnostic);
                }
            };

        /// <summary>
        /// The raw-HTTP check's reading of a body's <c>model</c> value (<see cref="RawHttpModelIds"/>): the value is read as
        /// at an SDK slot (a local's initializer, each branch of a fallback or a choice, a settings default, a field its
        /// constructor fixes), over the rows that count at the request's endpoint, through the same report action as the
        /// member's SDK slots, and once per location in the compilation (a body held in a field is posted from several members).
        /// </summary>
        private Action<IOperation, ModelTable> RawValueCheck(RawHttpModelIds rawHttp, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            var atSlot = ReportAtSlot(report);
            return checkRawValue ??= (value, view) =>
            {
                slot = value;
                CheckModelIdIn(view, value, diagnostic =>
                {
                    if (rawHttp.FirstReport(diagnostic))
                    {
                        atSlot(diagnostic);
                    }
                }, cancellationToken);
            };
        }
    }
}
