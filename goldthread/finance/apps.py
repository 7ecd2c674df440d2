from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "goldthread.finance"
    label = "finance"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which load only once the apps are ready.
        from goldthread.core import report_sections
        from goldthread.council.links import register
        from goldthread.performance import signoff as period_signoff

        from . import appendix, signoff
        from .priority_section import priority_money

        register(priority_money)
        report_sections.register("finance.summary", appendix.finance_appendix)
        period_signoff.register(signoff.PARTICIPANT)
