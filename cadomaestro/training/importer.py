"""Training-data importer that reads stories against the domain's retrieval intents.

Rasa 3.6 adds retrieval intents (`faq`, `colis_perdu`, …) to the domain from the NLU data, and
warns about duplicates when `domain.yml` lists them too; but it reads stories and rules against
`domain.yml` alone, and warns that `faq` is unknown when it does not. This importer reads stories
against `domain.yml` plus the NLU data's retrieval intents, so neither false warning appears and
`rasa data validate --fail-on-warnings` stays meaningful. Declared in config.yml (`importers:`).

The files are found as by Rasa's own importer: every YAML file under `data/`, at any depth
(`data/nlu/`, `data/rules/`, `data/generated/`), read in the order of their paths. That order
is the order of the training examples, and the TopicClassifier's logistic regression depends on
it slightly: renaming or moving a file under `data/` can change the model's confidences in their
last digits.
"""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.structures import StoryGraph
from rasa.shared.importers import utils
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_VALUE
from rasa.shared.nlu.training_data.training_data import TrainingData

from cadomaestro.nlu.normalize import strip_accents


def canonical_entity_values(data: TrainingData) -> TrainingData:
    """An entity annotated in an example with its own words as value (« [la Réunion](pays) »)
    takes the value the synonyms give those words (`RE`). Otherwise, the pipeline reading text
    with its accents folded, the example makes a synonym of its own (« la reunion » -> « la
    Réunion ») that overrides the table's, and « vous livrez a la reunion ? » names no country
    the rules know (« Nous ne livrons malheureusement pas dans ce pays »)."""
    synonyms = {strip_accents(text.lower()): value for text, value in data.entity_synonyms.items()}
    canonical = set(data.entity_synonyms.values())
    for example in data.training_examples:
        for entity in example.get(ENTITIES) or []:
            value = str(entity.get(ENTITY_ATTRIBUTE_VALUE))
            mapped = synonyms.get(strip_accents(value.lower()))
            if value not in canonical and mapped is not None:
                entity[ENTITY_ATTRIBUTE_VALUE] = mapped
    return data


class RetrievalIntentsImporter(RasaFileImporter):
    def get_nlu_data(self, language: str | None = "en") -> TrainingData:
        return canonical_entity_values(super().get_nlu_data(language))

    def _domain_for_stories(self) -> Domain:
        domain = self.get_domain()
        missing = sorted(self.get_nlu_data().retrieval_intents - set(domain.intents))
        if not missing:
            return domain
        return domain.merge(Domain.from_dict({"intents": missing}))

    def get_stories(self, exclusion_percentage: int | None = None) -> StoryGraph:
        return utils.story_graph_from_paths(
            self._story_files, self._domain_for_stories(), exclusion_percentage
        )

    def get_conversation_tests(self) -> StoryGraph:
        return utils.story_graph_from_paths(
            self._conversation_test_files, self._domain_for_stories()
        )
