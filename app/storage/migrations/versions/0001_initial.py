"""The first schema: people, requests, their history, and settings.

Revision ID: 0001_initial
Revises:
"""
import sqlalchemy as sa
from alembic import op

from app.storage.schema import UTCDateTime

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False, unique=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("escalation_contact_id", sa.Integer(),
                  sa.ForeignKey("people.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(64), nullable=False, unique=True),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("counterpart_id", sa.Integer(),
                  sa.ForeignKey("people.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("link", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(100), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("recurrence", sa.String(200), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("acknowledged_at", UTCDateTime(), nullable=True),
        sa.Column("promised_at", UTCDateTime(), nullable=True),
        sa.Column("original_promise", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_requests_status_direction", "requests", ["status", "direction"])
    op.create_index("ix_requests_asked_at", "requests", ["asked_at"])
    op.create_index("ix_requests_promised_at", "requests", ["promised_at"])
    op.create_index("ix_requests_completed_at", "requests", ["completed_at"])
    op.create_index("ix_requests_counterpart", "requests", ["counterpart_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.Integer(),
                  sa.ForeignKey("requests.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_events_request", "events", ["request_id", "id"])
    op.create_index("ix_events_kind_at", "events", ["kind", "at"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("events")
    op.drop_table("requests")
    op.drop_table("people")
