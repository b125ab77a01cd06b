-- The member's feed in the cabinet (notification/NotificationFeed): every member's message of the mail outbox is
-- also an entry of their feed, so the feed needs no table of its own and can never disagree with the mail log.
-- read_at is when the member marked it read (business time); null is unread.
ALTER TABLE notification ADD COLUMN read_at TIMESTAMPTZ;

-- Messages written before the feed existed were told by email: they show as read, so that no member finds a
-- badge with their whole mail history the day the feed appears.
UPDATE notification SET read_at = now() WHERE member_id IS NOT NULL;

-- A member's unread entries, newest first: the unread count of every feed answer and the unread=true list.
CREATE INDEX notification_unread_idx ON notification (member_id, id DESC)
    WHERE read_at IS NULL AND member_id IS NOT NULL;
