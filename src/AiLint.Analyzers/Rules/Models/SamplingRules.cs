using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>A sampling parameter set on an options object.</summary>
    internal readonly struct SamplingSetting
    {
        public SamplingSetting(string property, ISimpleAssignmentOperation assignment, Location? reportAt = null)
        {
            Property = property;
            Assignment = assignment;
            ReportAt = reportAt;
        }

        public string Property { get; }

        public ISimpleAssignmentOperation Assignment { get; }

        /// <summary>
        /// Where a diagnostic about it goes: the assignment, or for a value a copy inherits from its source
        /// (<c>Defaults.Clone()</c>), the copying call, since the source may be shared by requests to other models.
        /// </summary>
        public Location? ReportAt { get; }

        public Location Location => ReportAt ?? Assignment.Syntax.GetLocation();
    }

    /// <summary>AIL0504 (a reasoning model rejects sampling parameters) and AIL0505 (temperature and top_p together).</summary>
    internal static class SamplingRules
    {
        /// <summary>The wire name of a sampling property of the options types AiLint checks, or null if it is not one.</summary>
        public static string? ApiName(string property) => property switch
        {
            "Temperature" => "temperature",
            "TopP" => "top_p",
            "FrequencyPenalty" => "frequency_penalty",
            "PresencePenalty" => "presence_penalty",
            "IncludeLogProbabilities" => "logprobs",
            "TopLogProbabilityCount" => "top_logprobs",
            // Semantic Kernel's OpenAIPromptExecutionSettings spells the last two after the wire names.
            "Logprobs" => "logprobs",
            "TopLogprobs" => "top_logprobs",
            _ => null,
        };

        public static void Check(ModelRow row, List<SamplingSetting> settings, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            // `if (!IsReasoningModel(model)) options.Temperature = 0.7f;`: a setting whose branch never runs for this
            // model, or is chosen by a test of the model the code cannot decide, is not one the request carries.
            settings = settings.FindAll(setting => SamplingGuards.MayRun(setting.Assignment, cancellationToken));
            if (row.IsReasoning)
            {
                foreach (var setting in settings)
                {
                    // Reasoning models accept the default value (temperature 1, penalties 0, logprobs off); only
                    // another value, or one the code does not fix, is rejected.
                    var value = SamplingGuards.Chosen(setting.Assignment.Value, out var undecidedModelTest, cancellationToken);
                    if (!undecidedModelTest && !IsDefaultOrNull(setting.Property, value))
                    {
                        report(Diagnostic.Create(Descriptors.AIL0504, setting.Location, row.Id, ApiName(setting.Property)));
                    }
                }
            }

            if (row.RejectsTemperatureWithTopP)
            {
                SamplingSetting? temperature = null, topP = null;
                foreach (var setting in settings)
                {
                    if (IsNull(setting))
                    {
                        continue;
                    }

                    if (setting.Property == "Temperature")
                    {
                        temperature = setting;
                    }
                    else if (setting.Property == "TopP")
                    {
                        topP = setting;
                    }
                }

                if (temperature != null && topP != null)
                {
                    report(Diagnostic.Create(Descriptors.AIL0505, topP.Value.Location, row.Id));
                }
            }
        }

        private static bool IsNull(SamplingSetting setting)
        {
            var value = ModelIdValue.Unwrap(setting.Assignment.Value);
            return value.ConstantValue.HasValue && value.ConstantValue.Value == null;
        }

        private static bool IsDefaultOrNull(string property, IOperation assigned) =>
            IsDefaultOrNullWireValue(ApiName(property) ?? property, assigned);

        /// <summary>
        /// Whether <paramref name="assigned"/> is a constant a reasoning model accepts for the parameter the provider's JSON
        /// calls <paramref name="wireName"/>: null, false, temperature and top_p 1, the rest 0. Anthropic's top_k has no
        /// default value to send: only null is accepted.
        /// </summary>
        public static bool IsDefaultOrNullWireValue(string wireName, IOperation assigned)
        {
            var value = ModelIdValue.Unwrap(assigned);
            if (!value.ConstantValue.HasValue)
            {
                return false;
            }

            var constant = value.ConstantValue.Value;
            if (constant == null)
            {
                return true;
            }

            if (constant is bool flag)
            {
                return !flag;
            }

            if (wireName == "top_k")
            {
                return false;
            }

            double number;
            try
            {
                number = Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is InvalidCastException || ex is FormatException || ex is OverflowException)
            {
                return false;
            }

            var defaultValue = wireName == "temperature" || wireName == "top_p" ? 1.0 : 0.0;
            return number == defaultValue;
        }
    }
}
